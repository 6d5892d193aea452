//! A behavior drawn as a squiggle: its states are dots along a wavy line, one wave a step, so a
//! behavior reads at a glance as a sequence (and a longer one as a longer squiggle). The
//! geometry is plain numbers and path strings, tested natively; `components::squiggle` draws it.

/// Where a behavior's states and steps are drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    pub width: f64,
    pub height: f64,
    /// The centre of each state's dot.
    pub dots: Vec<(f64, f64)>,
    /// The SVG path of each step: `steps[i]` goes from dot `i` to dot `i + 1`.
    pub steps: Vec<String>,
}

/// The shape of a squiggle: the distance between two states, the height of the line's middle,
/// how far a wave swings above and below it, and the margin left and right of the end dots.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    pub spacing: f64,
    pub height: f64,
    pub middle: f64,
    pub swing: f64,
    pub margin: f64,
}

impl Shape {
    /// The behavior view's: room for a step's name above the line and a state below it.
    pub const FULL: Shape = Shape {
        spacing: 112.0,
        height: 92.0,
        middle: 40.0,
        swing: 11.0,
        margin: 56.0,
    };
    /// A thumbnail beside an example behavior.
    pub const SMALL: Shape = Shape {
        spacing: 16.0,
        height: 20.0,
        middle: 10.0,
        swing: 4.0,
        margin: 5.0,
    };
}

/// The squiggle of a behavior of `states` states (at least one).
pub fn geometry(states: usize, shape: Shape) -> Geometry {
    let states = states.max(1);
    let y = shape.middle;
    let dots: Vec<(f64, f64)> = (0..states)
        .map(|i| (shape.margin + i as f64 * shape.spacing, y))
        .collect();
    let steps = dots
        .windows(2)
        .enumerate()
        .map(|(i, pair)| {
            let ((x0, _), (x1, _)) = (pair[0], pair[1]);
            // Alternate the swing so that consecutive steps make one continuous wave.
            let swing = if i % 2 == 0 {
                -shape.swing
            } else {
                shape.swing
            };
            let third = (x1 - x0) / 3.0;
            format!(
                "M{x0:.1} {y:.1} C{:.1} {:.1} {:.1} {:.1} {x1:.1} {y:.1}",
                x0 + third,
                y + 2.0 * swing,
                x1 - third,
                y - 2.0 * swing
            )
        })
        .collect();
    let width = 2.0 * shape.margin + (states - 1) as f64 * shape.spacing;
    Geometry {
        width,
        height: shape.height,
        dots,
        steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_dot_a_state_and_one_wave_a_step() {
        let g = geometry(4, Shape::FULL);
        assert_eq!(g.dots.len(), 4);
        assert_eq!(g.steps.len(), 3);
        assert_eq!(g.width, 2.0 * 56.0 + 3.0 * 112.0);
        // Evenly spaced, on one line.
        let xs: Vec<f64> = g.dots.iter().map(|d| d.0).collect();
        assert_eq!(xs, vec![56.0, 168.0, 280.0, 392.0]);
        assert!(g.dots.iter().all(|d| d.1 == 40.0));
    }

    #[test]
    fn each_wave_joins_its_two_dots_and_the_swing_alternates() {
        let g = geometry(3, Shape::FULL);
        assert_eq!(g.steps[0], "M56.0 40.0 C93.3 18.0 130.7 62.0 168.0 40.0");
        assert_eq!(g.steps[1], "M168.0 40.0 C205.3 62.0 242.7 18.0 280.0 40.0");
    }

    #[test]
    fn a_single_state_is_a_dot_and_no_step() {
        let g = geometry(1, Shape::SMALL);
        assert_eq!((g.dots.len(), g.steps.len()), (1, 0));
        assert_eq!(g.width, 10.0);
        assert_eq!(geometry(0, Shape::SMALL), g);
    }
}

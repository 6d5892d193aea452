//! Zooming and panning a scrolled drawing: Ctrl (or Cmd) and the wheel zoom around the
//! pointer, buttons zoom around the middle, dragging the background pans.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How far a drawing zooms out and in.
pub const MIN_ZOOM: f64 = 0.25;
pub const MAX_ZOOM: f64 = 2.0;

/// A point of the drawing (in its own units) and where it must be in the view after a zoom.
type Anchor = Rc<RefCell<Option<(f64, f64, f64, f64)>>>;

#[derive(Clone)]
pub struct Zoom {
    pub level: f64,
    state: UseStateHandle<f64>,
    anchor: Anchor,
    scroller: NodeRef,
}

impl Zoom {
    /// Zoom by `factor` around the middle of the view.
    pub fn by(&self, factor: f64) {
        self.around_middle((self.level * factor).clamp(MIN_ZOOM, MAX_ZOOM));
    }

    /// Zoom to `level` keeping the middle of the view where it is.
    pub fn around_middle(&self, level: f64) {
        if let Some(el) = self.scroller.cast::<web_sys::Element>() {
            let (dx, dy) = (
                f64::from(el.client_width()) / 2.0,
                f64::from(el.client_height()) / 2.0,
            );
            let x = (f64::from(el.scroll_left()) + dx) / self.level;
            let y = (f64::from(el.scroll_top()) + dy) / self.level;
            *self.anchor.borrow_mut() = Some((x, y, dx, dy));
        }
        self.state.set(level.clamp(MIN_ZOOM, MAX_ZOOM));
    }

    /// Zoom to `level` and then scroll so that the drawing's point (`x`, `y`) is at (`dx`,
    /// `dy`) of the view.
    pub fn to(&self, level: f64, (x, y): (f64, f64), (dx, dy): (f64, f64)) {
        *self.anchor.borrow_mut() = Some((x, y, dx, dy));
        if level == self.level {
            self.apply(level);
        }
        self.state.set(level.clamp(MIN_ZOOM, MAX_ZOOM));
    }

    fn apply(&self, level: f64) {
        if let (Some(el), Some((x, y, dx, dy))) = (
            self.scroller.cast::<web_sys::Element>(),
            self.anchor.borrow_mut().take(),
        ) {
            el.set_scroll_left((x * level - dx).max(0.0) as i32);
            el.set_scroll_top((y * level - dy).max(0.0) as i32);
        }
    }
}

/// The zoom of the drawing scrolled by `scroller`, with the wheel listener installed.
#[hook]
pub fn use_zoom(scroller: NodeRef) -> Zoom {
    let state = use_state(|| 1.0_f64);
    let anchor: Anchor = use_mut_ref(|| None);
    let zoom = Zoom {
        level: *state,
        state: state.clone(),
        anchor: anchor.clone(),
        scroller: scroller.clone(),
    };
    // Once drawn at the new scale, the anchored point goes back where it was.
    {
        let zoom = zoom.clone();
        use_effect_with(*state, move |level| zoom.apply(*level));
    }
    // A listener of our own: a wheel listener must be active to keep the browser from zooming
    // the whole page.
    {
        let zoom = zoom.clone();
        use_effect_with(*state, move |current| {
            let current = *current;
            let el = scroller.cast::<web_sys::Element>();
            let listener = el.clone().map(|el| {
                gloo_events::EventListener::new_with_options(
                    &el.clone(),
                    "wheel",
                    gloo_events::EventListenerOptions::enable_prevent_default(),
                    move |event| wheel(event, &el, current, &zoom),
                )
            });
            move || drop(listener)
        });
    }
    zoom
}

fn wheel(event: &web_sys::Event, el: &web_sys::Element, current: f64, zoom: &Zoom) {
    let Some(e) = event.dyn_ref::<web_sys::WheelEvent>() else {
        return;
    };
    if !(e.ctrl_key() || e.meta_key()) || e.delta_y() == 0.0 {
        return;
    }
    e.prevent_default();
    let next =
        (current * if e.delta_y() < 0.0 { 1.1 } else { 1.0 / 1.1 }).clamp(MIN_ZOOM, MAX_ZOOM);
    if next == current {
        return;
    }
    let rect = el.get_bounding_client_rect();
    let (dx, dy) = (
        f64::from(e.client_x()) - rect.left(),
        f64::from(e.client_y()) - rect.top(),
    );
    let x = (f64::from(el.scroll_left()) + dx) / current;
    let y = (f64::from(el.scroll_top()) + dy) / current;
    zoom.to(next, (x, y), (dx, dy));
}

/// The pointer handlers that pan the drawing when its background is dragged with the mouse
/// (touch screens pan by scrolling already). `on_item` says whether a press is on an item
/// of the drawing (which is then not a drag).
pub struct Drag {
    pub down: Callback<PointerEvent>,
    pub move_: Callback<PointerEvent>,
    pub up: Callback<PointerEvent>,
}

#[hook]
pub fn use_drag(scroller: NodeRef, on_item: fn(&web_sys::Element) -> bool) -> Drag {
    let drag = use_mut_ref(|| None::<(i32, i32, i32, i32)>);
    let down = {
        let (drag, scroller) = (drag.clone(), scroller.clone());
        Callback::from(move |e: PointerEvent| {
            let on_item = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| on_item(&t));
            let Some(el) = scroller.cast::<web_sys::Element>() else {
                return;
            };
            if on_item || e.button() != 0 || e.pointer_type() != "mouse" {
                return;
            }
            *drag.borrow_mut() = Some((
                e.client_x(),
                e.client_y(),
                el.scroll_left(),
                el.scroll_top(),
            ));
            let _ = el.set_pointer_capture(e.pointer_id());
            let _ = el.class_list().add_1("dragging");
        })
    };
    let move_ = {
        let (drag, scroller) = (drag.clone(), scroller.clone());
        Callback::from(move |e: PointerEvent| {
            let (Some((x, y, left, top)), Some(el)) =
                (*drag.borrow(), scroller.cast::<web_sys::Element>())
            else {
                return;
            };
            el.set_scroll_left(left - (e.client_x() - x));
            el.set_scroll_top(top - (e.client_y() - y));
        })
    };
    let up = Callback::from(move |_: PointerEvent| {
        if drag.borrow_mut().take().is_some() {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                let _ = el.class_list().remove_1("dragging");
            }
        }
    });
    Drag { down, move_, up }
}

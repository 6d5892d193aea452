//! Work too long for the task that asked for it runs in a task of its own: the page answers its
//! reader in between, and no task grows long because two pieces of work fell into it.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use yew::prelude::*;

use crate::state::Shared;

/// `make(deps)`, made in a task after this render whenever `deps` change, and shown by a render
/// in the task after that. Until it is made,
/// the value made for the previous `deps` (none at first): a caller that needs its value to
/// agree with `deps` keeps them in the value. Work for `deps` that changed again before it ran
/// is dropped.
#[hook]
pub fn use_deferred<D, T, F>(deps: D, make: F) -> Option<Shared<T>>
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(&D) -> T + 'static,
{
    let made = use_state(|| None::<Shared<T>>);
    let generation = use_mut_ref(|| 0u64);
    {
        let made = made.clone();
        use_effect_with(deps, move |deps| {
            let deps = deps.clone();
            let mine = bump(&generation);
            let current = generation.clone();
            yew::platform::spawn_local(async move {
                let wanted = || *current.borrow() == mine;
                yew::platform::time::sleep(Duration::ZERO).await;
                if !wanted() {
                    return;
                }
                let value = Shared::new(make(&deps));
                // Setting the state renders what uses it: in the next task, not in this one.
                yew::platform::time::sleep(Duration::ZERO).await;
                if wanted() {
                    made.set(Some(value));
                }
            });
            // Unmounted, or about to run for other deps: the work queued is not wanted.
            move || {
                bump(&generation);
            }
        });
    }
    (*made).clone()
}

fn bump(generation: &Rc<RefCell<u64>>) -> u64 {
    let mut g = generation.borrow_mut();
    *g += 1;
    *g
}

//! The sets view's questions to the worker: how many behaviors each region holds, and where a
//! typed behavior lies. Each answer is the one to the question asked last (by its ticket).

use thicket_check::CountReport;
use thicket_check::MemberReport;
use thicket_syntax::Diagnostic;
use yew::prelude::*;

use crate::protocol::{CountRequest, MemberRequest, Request};
use crate::questions::{next_ticket, Answer, Region};
use crate::state::Shared;

/// Example behaviors asked for per region.
const EXAMPLES: u32 = 6;

/// What a count is about: a text, the safety property of the regions, and the longest
/// behaviors counted (in states).
#[derive(Clone, PartialEq)]
pub struct CountQuestion {
    pub source: crate::protocol::Document,
    pub property: Option<String>,
    pub length: u32,
}

/// The sets view's count and how it stands.
pub struct Counting {
    /// Counting follows every change of property or length (from the first Count on).
    pub following: bool,
    /// The answer to the count asked last, once it is in.
    pub report: Option<Shared<Result<CountReport, Vec<Diagnostic>>>>,
    /// The worker was ended before it answered.
    pub cancelled: bool,
    /// Count: the first time, start following the choices; then count again at once.
    pub on_count: Callback<()>,
}

/// Counting waits for the first Count (it builds the state graph to the length), then follows
/// every change of `question`, closing the example shown in `example`. `answer` is the
/// worker's latest count; `generation` is bumped whenever the worker is ended.
#[hook]
pub fn use_count(
    on_ask: &Callback<Request>,
    question: CountQuestion,
    answer: &Answer<CountReport, Vec<Diagnostic>>,
    generation: u32,
    example: &UseStateHandle<Option<(Region, usize)>>,
) -> Counting {
    let following = use_state(|| false);
    let ticket = use_state(|| 0u32);
    let cancelled = use_state(|| false);
    {
        let (on_ask, ticket, example) = (on_ask.clone(), ticket.clone(), example.clone());
        let cancelled = cancelled.clone();
        use_effect_with(
            (*following, question.clone()),
            move |(following, question)| {
                let Some(request) = following.then(|| count_request(question)).flatten() else {
                    return;
                };
                ticket.set(request.ticket);
                cancelled.set(false);
                example.set(None);
                on_ask.emit(Request::Count(request));
            },
        );
    }
    use_cancelled_count(&following, &ticket, &cancelled, answer, generation);
    let on_count = {
        let (following, cancelled) = (following.clone(), cancelled.clone());
        let (on_ask, ticket) = (on_ask.clone(), ticket.clone());
        Callback::from(move |()| {
            if *following {
                // Already following the choices: count again on demand (another text, say).
                if let Some(request) = count_request(&question) {
                    ticket.set(request.ticket);
                    cancelled.set(false);
                    on_ask.emit(Request::Count(request));
                }
            } else {
                following.set(true);
            }
        })
    };
    Counting {
        following: *following,
        report: answer
            .as_ref()
            .filter(|(t, _)| *t == *ticket && *ticket != 0)
            .map(|(_, r)| r.clone()),
        cancelled: *cancelled,
        on_count,
    }
}

/// A new count of `question` with a ticket of its own, if it names a property.
fn count_request(question: &CountQuestion) -> Option<CountRequest> {
    let property = question.property.as_ref()?;
    Some(CountRequest {
        ticket: next_ticket(),
        source: question.source.clone(),
        property: property.clone(),
        length: question.length,
        examples: EXAMPLES,
    })
}

/// The worker was ended (the sets view's Cancel, or a check's): a count still unanswered is
/// cancelled, and counting stops following the choices until asked again.
#[hook]
fn use_cancelled_count(
    following: &UseStateHandle<bool>,
    ticket: &UseStateHandle<u32>,
    cancelled: &UseStateHandle<bool>,
    answer: &Answer<CountReport, Vec<Diagnostic>>,
    generation: u32,
) {
    let (following, ticket, cancelled) = (following.clone(), ticket.clone(), cancelled.clone());
    let waiting = *following && *ticket != 0 && answer.as_ref().is_none_or(|(t, _)| *t != *ticket);
    let seen = use_mut_ref(|| generation);
    use_effect_with(generation, move |generation| {
        if *seen.borrow() != *generation {
            *seen.borrow_mut() = *generation;
            if waiting {
                following.set(false);
                ticket.set(0);
                cancelled.set(true);
            }
        }
    });
}

/// The sets view's membership question and its answer.
pub struct Membership {
    /// The behavior typed in the box.
    pub typed: UseStateHandle<String>,
    /// Ask where the typed behavior lies (nothing if the box is empty).
    pub ask: Callback<()>,
    /// The answer to the question asked last, once it is in.
    pub answer: Option<Shared<Result<MemberReport, Vec<Diagnostic>>>>,
}

/// Where a typed behavior lies against `property` in `source`, asked again whenever either
/// changes once it was asked. `answer` is the worker's latest membership answer.
#[hook]
pub fn use_membership(
    on_ask: &Callback<Request>,
    source: &crate::protocol::Document,
    property: &Option<String>,
    answer: &Answer<MemberReport, Vec<Diagnostic>>,
) -> Membership {
    let ticket = use_state(|| 0u32);
    let typed = use_state(String::new);
    let ask = {
        let (on_ask, ticket, typed) = (on_ask.clone(), ticket.clone(), typed.clone());
        let (source, property) = (source.clone(), property.clone());
        Callback::from(move |()| {
            if typed.trim().is_empty() {
                return;
            }
            let t = next_ticket();
            ticket.set(t);
            on_ask.emit(Request::Member(MemberRequest {
                ticket: t,
                source: source.clone(),
                property: property.clone(),
                behavior: (*typed).clone(),
            }));
        })
    };
    // Another property changes the answer: ask again for the behavior already asked about.
    {
        let ask = ask.clone();
        let asked = *ticket != 0;
        use_effect_with((property.clone(), source.clone()), move |_| {
            if asked {
                ask.emit(());
            }
        });
    }
    Membership {
        answer: answer
            .as_ref()
            .filter(|(t, _)| *t == *ticket && *ticket != 0)
            .map(|(_, r)| r.clone()),
        typed,
        ask,
    }
}

//! Lowering a typed behavior (`behavior_document`): events or states.

use super::{ident, kids, span, Lowerer, P};
use crate::ast::{Behavior, EventItem, StateItem};
use crate::parser::Rule;

impl Lowerer {
    pub fn behavior(&mut self, p: P) -> Behavior {
        let form = kids(p).next().expect("a behavior is events or states");
        if form.as_rule() == Rule::behavior_events {
            // Constructor lines (`c = Counter()`) create the object: they are no steps.
            let items = kids(form).filter(|c| c.as_rule() == Rule::event_item);
            Behavior::Events(items.map(|c| self.event_item(c)).collect())
        } else {
            let items = kids(form).filter(|c| c.as_rule() == Rule::state_item);
            Behavior::States(items.map(|c| self.state_item(c)).collect())
        }
    }

    fn event_item(&mut self, p: P) -> EventItem {
        let sp = span(&p);
        let mut op = None;
        let mut args = vec![];
        let mut ret = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::ident => op = Some(ident(c)),
                Rule::args => args = kids(c).map(|e| self.expr(e)).collect(),
                Rule::event_return => ret = kids(c).next().map(|e| self.expr(e)),
                _ => {} // the receiver
            }
        }
        EventItem {
            op: op.expect("a call names its operation"),
            args,
            ret,
            span: sp,
        }
    }

    fn state_item(&mut self, p: P) -> StateItem {
        let sp = span(&p);
        let form = kids(p).next().expect("a state is a record or assignments");
        let mut fields = vec![];
        if form.as_rule() == Rule::state_record {
            // `[n |-> 0, ...]`: the record's fields and values, alternating.
            let record = kids(form).next().expect("a record");
            let mut it = kids(record);
            while let (Some(f), Some(e)) = (it.next(), it.next()) {
                fields.push((ident(f), self.expr(e)));
            }
        } else {
            for field in kids(form) {
                let mut it = kids(field).filter(|c| c.as_rule() != Rule::state_eq);
                let name = ident(it.next().expect("a field name"));
                let value = it.next().expect("a field value");
                fields.push((name, self.expr(value)));
            }
        }
        StateItem { fields, span: sp }
    }
}

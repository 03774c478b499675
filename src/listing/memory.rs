//! What listings, and the trees built from them, cost in memory, and the bound on it. A listing
//! of short lines costs far more in memory than on the wire (a two-byte line becomes a string of
//! 24 bytes plus a heap block of 32), so a bound on bytes read is not a bound on memory: this
//! file counts what is actually held — each vector's buffer as it grows and each heap string,
//! rounded as the allocator rounds it — against a [`Budget`].
//!
//! Pure arithmetic: it allocates nothing itself and must not print or decide what a caller does
//! when the budget runs out ([`Exceeded`] says only that it did).

use std::mem::size_of;

use super::{EntryKind, Line, RemoteEntry};

/// The most memory one listing, or one tree walk, may hold: 256 MiB, about a million entries
/// of a typical `ls -l` listing.
pub const MEMORY_MAX: usize = 256 << 20;

/// The bytes the allocator takes for a heap block of `len` bytes (glibc: 8 bytes of header,
/// rounded up to 16, at least 32); nothing for an empty string, which allocates nothing.
pub fn heap(len: usize) -> usize {
    if len == 0 { 0 } else { (len + 8).next_multiple_of(16).max(32) }
}

/// A budget ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exceeded;

/// Memory counted against a limit.
#[derive(Debug, Clone)]
pub struct Budget {
    used: usize,
    limit: usize,
}

impl Budget {
    pub fn new(limit: usize) -> Budget {
        Budget { used: 0, limit }
    }

    /// The limit, in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Counts `bytes` more; fails once the total is beyond the limit.
    pub fn charge(&mut self, bytes: usize) -> Result<(), Exceeded> {
        self.used = self.used.saturating_add(bytes);
        if self.used > self.limit { Err(Exceeded) } else { Ok(()) }
    }

    /// Gives back `bytes` charged before (memory that was freed).
    pub fn release(&mut self, bytes: usize) {
        self.used = self.used.saturating_sub(bytes);
    }

    /// Pushes `item` onto `vec` and charges what that cost: the growth of the vector's buffer,
    /// and `heap`, the bytes the item holds on the heap.
    pub fn push<T>(&mut self, vec: &mut Vec<T>, item: T, heap: usize) -> Result<(), Exceeded> {
        let before = vec.capacity();
        vec.push(item);
        self.charge((vec.capacity() - before) * size_of::<T>() + heap)
    }
}

impl RemoteEntry {
    /// The bytes this entry holds on the heap (its strings).
    pub fn heap_bytes(&self) -> usize {
        let target = match &self.kind {
            EntryKind::Link { target: Some(t) } => t.len(),
            _ => 0,
        };
        let strings = [self.modified.as_deref(), self.perms.as_deref()];
        heap(self.name.len()) + heap(target) + strings.iter().flatten().map(|s| heap(s.len())).sum::<usize>()
    }
}

impl Line {
    /// The bytes this line holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Line::Entry(e) => e.heap_bytes(),
            Line::Raw(raw) => heap(raw.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heap_blocks_are_rounded_as_the_allocator_does() {
        assert_eq!(heap(0), 0);
        assert_eq!(heap(1), 32);
        assert_eq!(heap(24), 32);
        assert_eq!(heap(25), 48);
        assert_eq!(heap(100), 112);
    }

    #[test]
    fn a_budget_counts_buffers_as_they_grow_and_what_items_hold() {
        let mut budget = Budget::new(1000);
        let mut v: Vec<u64> = Vec::new();
        budget.push(&mut v, 1, 0).unwrap();
        let first = v.capacity() * 8;
        assert_eq!(budget.used, first);
        budget.push(&mut v, 2, 100).unwrap();
        assert_eq!(budget.used, v.capacity() * 8 + 100);
        budget.release(100);
        assert_eq!(budget.push(&mut v, 3, 2000), Err(Exceeded));
        assert_eq!(budget.limit(), 1000);
    }

    #[test]
    fn an_entry_costs_its_strings() {
        let e = RemoteEntry {
            name: "a".into(),
            kind: EntryKind::Link { target: Some("b".into()) },
            size: None,
            modified: Some("2024-01-05 13:46".into()),
            perms: None,
        };
        assert_eq!(e.heap_bytes(), 32 + 32 + 32);
        assert_eq!(Line::Raw(String::new()).heap_bytes(), 0);
    }
}

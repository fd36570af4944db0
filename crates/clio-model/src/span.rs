use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a text owned elsewhere (usually
/// [`crate::Doc::text`]).
///
/// Invariant: `start <= end`; the only constructor checks it. Byte offsets
/// keep slicing free inside the pipeline; writers convert to the char offsets
/// the output contract asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// A span, or `None` when `start > end` or an offset exceeds `u32`.
    pub fn new(start: usize, end: usize) -> Option<Span> {
        if start > end {
            return None;
        }
        Some(Span { start: u32::try_from(start).ok()?, end: u32::try_from(end).ok()? })
    }

    /// First byte.
    #[inline]
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// One past the last byte.
    #[inline]
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True for an empty span.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers, or `""` if it does not fit `text` (a span
    /// from another text is a bug, but must never panic on output paths).
    #[inline]
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start()..self.end()).unwrap_or("")
    }

    /// True when `other` lies within this span.
    #[inline]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_reversed_spans() {
        assert!(Span::new(5, 4).is_none());
        assert!(Span::new(4, 4).is_some_and(Span::is_empty));
    }

    #[test]
    fn slice_out_of_range_is_empty_not_a_panic() {
        let s = Span::new(2, 50).into_iter().next();
        assert_eq!(s.map(|s| s.slice("short")), Some(""));
    }
}

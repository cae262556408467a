// Placeholder: filled in by the src/eval module work.

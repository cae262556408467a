// Placeholder: filled in by the src/time module work.

// The Spaces module; see docs/architecture.md.

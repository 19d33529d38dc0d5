// The Reports module; see docs/architecture.md.

// The CoDesign module; see docs/architecture.md.

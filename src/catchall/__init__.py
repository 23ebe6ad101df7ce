"""catchall: missile-technology nonproliferation controls (MTCR, sanctions screening, HCOC)."""

__version__ = "0.1.0"

"""Page routes, one module per area; each defines ``router`` (auto-included by ``catchall.web.mounting``)."""

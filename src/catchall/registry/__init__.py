"""Registries as data + queries as of a date: states, commitments, national implementation facts and
sanctions determinations (shipped YAML under ``catchall/data/registry``).

- ``registry.states``: ``state(code)``, ``all_states(as_of=, regime=)``, ``normalise_state(text)``
- ``registry.commitments``: ``CommitmentBook``, ``shipped_book()``, ``commitments_in_force(state, on)``,
  ``mtcr_partners(on)``
- ``registry.sanctions``: ``SanctionsBook``, ``shipped_book()``, ``determinations_in_force(on)``,
  ``watchlist_entities(as_of)`` (dataset ``us-missile-sanctions``)
- ``registry.implementation``: ``facts(state=None, as_of=None)``
- ``registry.hcoc_subscriptions``: HCOC subscribers (maintained by the HCOC registry)
"""

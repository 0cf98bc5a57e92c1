"""Pluggable backends behind small protocols, each with a name-keyed ``build_*`` registry."""

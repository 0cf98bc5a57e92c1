"""A tiny name-keyed registry: config names a kind, the registry builds it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from copilot.errors import UnknownBackendError

T = TypeVar("T")


class Registry(Generic[T]):
    """Maps backend names to factories; unknown names fail with the list of valid ones."""

    def __init__(self, role: str, *, built_elsewhere: tuple[str, ...] = ()) -> None:
        self.role = role
        self._factories: dict[str, Callable[..., T]] = {}
        # Valid kinds that the composition root builds without this registry (the LLM
        # section's "extractive" drafter): listed in errors, never built here.
        self.built_elsewhere = built_elsewhere

    def register(self, name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
        """Decorator that registers ``factory`` under ``name``."""

        def wrap(factory: Callable[..., T]) -> Callable[..., T]:
            self._factories[name] = factory
            return factory

        return wrap

    def names(self) -> list[str]:
        """Registered names, sorted."""
        return sorted({*self._factories, *self.built_elsewhere})

    def check(self, name: str) -> None:
        """Raise ``UnknownBackendError`` when ``name`` is not registered."""
        if name not in self._factories:
            raise UnknownBackendError(self.role, name, self.names())

    def build(self, name: str, *args: object, **kwargs: object) -> T:
        """Build the backend registered under ``name``."""
        self.check(name)
        if name not in self._factories:
            raise UnknownBackendError(self.role, name, sorted(self._factories))
        return self._factories[name](*args, **kwargs)

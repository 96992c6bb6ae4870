"""What a reporter knows besides the findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..summary import Summary


@dataclass
class Context:
    summary: Summary = field(default_factory=Summary)
    color: bool = False
    quiet: bool = False

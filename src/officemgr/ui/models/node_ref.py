"""The selected customer or job, whichever list it was picked in (tree or search results)."""

from __future__ import annotations

from dataclasses import dataclass

from officemgr.core.records import NodeSummary, TreeRow


@dataclass(frozen=True)
class NodeRef:
    """What the window's commands need to know about the selected node."""

    id: int
    full_name: str
    is_customer: bool
    is_active: bool
    on_credit_hold: bool  # its customer's hold (a job shows its customer's)

    @classmethod
    def of(cls, row: TreeRow | NodeSummary | None) -> NodeRef | None:
        if isinstance(row, TreeRow):
            return cls(row.id, row.full_name, row.is_customer, row.is_active, row.on_credit_hold)
        if isinstance(row, NodeSummary):
            return cls(
                row.id, row.full_name, row.kind == "customer", row.is_active, row.credit_hold
            )
        return None

    @property
    def name_only(self) -> str:
        """The last part of the full name (the node's own name)."""
        return self.full_name.rsplit(":", 1)[-1]

    @property
    def kind(self) -> str:
        return "customer" if self.is_customer else "job"

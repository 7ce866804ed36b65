"""The whole of one local authority's policy: `LocalPolicy`.

It holds the authority's panels (`ehcplan.policy.panels`), its Resource
Allocation System (`ehcplan.policy.ras`), its funding terms
(`ehcplan.policy.funding`) and its personal-budget rules
(`ehcplan.policy.budgets`). A section the authority's documents do not cover is
None, never a guess. Policy files are read into it by `ehcplan.policy.load`.
"""

from __future__ import annotations

import attrs

from ehcplan.errors import NotFound
from ehcplan.policy.budgets import PersonalBudgetPolicy
from ehcplan.policy.funding import FundingPolicy
from ehcplan.policy.panels import PanelPolicy
from ehcplan.policy.ras import RasPolicy
from ehcplan.validators import each, instance_of, optional, text, to_tuple, unique_ids

__all__ = ["LocalPolicy"]


@attrs.frozen(kw_only=True)
class LocalPolicy:
    """One local authority's SEND policy: its panels, RAS, joint funding, personal budgets.

    A section the authority's documents do not cover is None, never a guess.

    Attributes:
        code: The authority's code (e.g. the old three-digit LA code, ``"916"``).
        name: The authority's name.
        source: The document or documents the policy was taken from.
        panels: The decision-making panels; ids are unique.
        ras: The Resource Allocation System, if the authority uses one.
        funding: Joint-funding terms, if known.
        personal_budgets: Personal-budget rules, if known.

    Examples:
        >>> import ehcplan.policy
        >>> policy = ehcplan.policy.load_policy("exampleshire")
        >>> policy.name, policy.panel("atr").kind
        ('Exampleshire County Council', <PanelKind.ACCESS_TO_RESOURCES: 'access to resources'>)
        >>> policy.panel("sen-panel")
        Traceback (most recent call last):
        ...
        ehcplan.errors.NotFound: no panel is called 'sen-panel'; the known ones are 'rap', ...
    """

    code: str = attrs.field(validator=text)
    name: str = attrs.field(validator=text)
    source: str = attrs.field(validator=text)
    panels: tuple[PanelPolicy, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=[each(PanelPolicy, "a PanelPolicy"), unique_ids("panel")],
    )
    ras: RasPolicy | None = attrs.field(
        default=None, validator=optional(instance_of(RasPolicy, "a RasPolicy or None"))
    )
    funding: FundingPolicy | None = attrs.field(
        default=None,
        validator=optional(instance_of(FundingPolicy, "a FundingPolicy or None")),
    )
    personal_budgets: PersonalBudgetPolicy | None = attrs.field(
        default=None,
        validator=optional(
            instance_of(PersonalBudgetPolicy, "a PersonalBudgetPolicy or None")
        ),
    )

    def panel(self, panel_id: str) -> PanelPolicy:
        """Return the panel called *panel_id*.

        Raises:
            NotFound: If there is no such panel.
        """
        for panel in self.panels:
            if panel.id == panel_id:
                return panel
        what = "panel"
        raise NotFound(what, panel_id, tuple(p.id for p in self.panels))

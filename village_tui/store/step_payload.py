"""The payload of a `step.recorded` event: one builder for the forms' service and the sample loader."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..domain.findings import Finding, Severity
from ..domain.model import StepRecord, to_payload
from ..domain.steps import Step


def step_payload(
    matter_id: str,
    step: Step,
    record: StepRecord,
    acknowledged: Sequence[str],
    findings: Sequence[Finding] = (),
) -> dict[str, Any]:
    """What the ledger records of an attempt at `step`, with the verdict its findings give."""
    payload: dict[str, Any] = {
        "matter_id": matter_id,
        "step": step.value,
        "record": to_payload(record),
        "acknowledged": sorted(set(acknowledged)),
    }
    # What the rules of the day made of it, so that every copy of the ledger
    # agrees which attempt counted. A clean step carries none (as before).
    invalid = sorted({f.rule_id for f in findings if f.step is step and f.invalid})
    defects = sorted(
        {f.rule_id for f in findings if f.step is step and f.severity is Severity.DEFECT}
    )
    if invalid or defects:
        payload["verdict"] = {"valid": not invalid, "invalid": invalid, "defects": defects}
    return payload

"""`catalog add --result`: one reported result written on the command line as key=value pairs.

    --result "dataset=imagenet,model=resnet-50,metric=top-1,value=74.98,baseline=76.15,
              flops_reduction=0.438,url=https://arxiv.org/abs/2002.10179,where=Table 2"

The pairs become one item of the entry's `results:`; numbers and true/false are read as such, `url`
and `where` make its `source`. Whether the ids, ranges and source are right is checked by the same
code as `catalog check` (resultcheck.py), after the entry is composed.
"""

from __future__ import annotations

from typing import Any

from ..fields import RESULT_FIELDS
from ..problems import UserError, did_you_mean

#: The keys the flag takes: the result fields, with the source's two fields in place of `source`.
KEYS = tuple(k for k in RESULT_FIELDS if k != "source") + ("url", "where")
_NUMBERS = ("value", "baseline", "change", "sparsity", "flops_reduction", "params_reduction", "speedup")


def parse_result(text: str, number: int) -> dict[str, Any]:
    """The result of the `number`-th --result flag; a malformed pair is a UserError naming the flag."""
    out: dict[str, Any] = {}
    source: dict[str, str] = {}
    for pair in (p.strip() for p in text.split(",")):
        if not pair:
            continue
        name, sep, value = pair.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not value:
            raise UserError(f"--result {number}: '{pair}' is not key=value (e.g. dataset=imagenet)")
        if name not in KEYS:
            raise UserError(f"--result {number}: unknown key '{name}'; {did_you_mean(name, KEYS)}")
        if name in ("url", "where"):
            source[name] = value
        elif name in _NUMBERS:
            try:
                out[name] = float(value)
            except ValueError:
                raise UserError(f"--result {number}: {name}={value} is not a number (write 74.98, no % sign)")
        elif name == "finetuned":
            if value not in ("true", "false"):
                raise UserError(f"--result {number}: finetuned={value}: write finetuned=true or finetuned=false")
            out[name] = value == "true"
        else:
            out[name] = value
    if source:
        out["source"] = source
    return out

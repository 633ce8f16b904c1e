"""The personal-data mask, which lives in `domain.mask`: the township and county mask with it too.

Re-exported so that the notices keep their imports; code outside notices imports the domain's.
"""

from ..domain.mask import (  # noqa: F401
    mask_id,
    mask_personal,
    mask_phone,
    personal_spans,
    public_text,
)

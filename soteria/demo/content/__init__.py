"""Fictional demo content for Soteria: four organisations and their strategies.

Pure data, consumed by the demo seeder. Every organisation, place, person and
project here is invented. Texts are dicts keyed by language code: each holds the
organisation's own language and English ("en").
"""

from . import dk_region, fi_county, pl_hospital, vn_oncology

ORGANISATIONS = [
    pl_hospital.ORGANISATION,
    vn_oncology.ORGANISATION,
    fi_county.ORGANISATION,
    dk_region.ORGANISATION,
]

STRATEGIES = {
    pl_hospital.ORGANISATION["code"]: pl_hospital.STRATEGY,
    vn_oncology.ORGANISATION["code"]: vn_oncology.STRATEGY,
    fi_county.ORGANISATION["code"]: fi_county.STRATEGY,
    dk_region.ORGANISATION["code"]: dk_region.STRATEGY,
}

__all__ = ["ORGANISATIONS", "STRATEGIES"]

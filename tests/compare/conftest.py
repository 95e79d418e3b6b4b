"""Hand-written articles about three invented happenings, each told by several invented outlets.

* dam: the Varnholm dam on the river Osk bursts and floods the lower town;
* strike: dockworkers at Port Abelin strike and the container terminal closes;
* theft: a painting is stolen from the Lindqvist Museum in Oravia.

``mixed`` is a dam article with one paragraph about the strike.
"""

from __future__ import annotations

from typing import Any

import pytest

from manysides.model import Article

DAM = [
    ("Varnholm dam bursts, flooding the lower town",
     "The Varnholm dam on the river Osk gave way early on Tuesday after a week of heavy rain, "
     "sending a wall of water through the lower town. Rescue crews said at least twelve people "
     "had died and dozens were missing as the water reached the second floor of houses near the "
     "old bridge.\n\n"
     "Engineers had warned the regional council last spring that the concrete spillway was "
     "cracked. The council said repairs had been scheduled for the summer. Residents who were "
     "evacuated to the sports hall in the upper town said no siren sounded before the flood."),
    ("Twelve dead as flood from broken Varnholm dam sweeps through homes",
     "Floodwater from the collapsed Varnholm dam tore through homes along the river Osk, killing "
     "twelve people, according to the regional rescue service. Helicopters lifted families from "
     "rooftops while boats searched flooded streets for the missing.\n\n"
     "The dam, built in 1961, had been listed as needing urgent repair. Opposition councillors "
     "accused the council of ignoring warnings about the cracked spillway and called for an "
     "independent inquiry into why the reservoir was kept so full during the storms."),
    ("Council under fire after Varnholm dam collapse",
     "Anger grew in Varnholm on Wednesday as families of the victims of the dam collapse asked "
     "why warnings about the cracked spillway were ignored. The flood from the river Osk "
     "reservoir killed twelve people and left hundreds of homes in the lower town under water.\n\n"
     "The regional council's chairwoman said the dam had been inspected in the autumn and that "
     "an inquiry would establish what went wrong. Rescue teams are still pumping water out of "
     "the flooded streets and searching for people reported missing."),
]

STRIKE = [
    ("Port Abelin dockworkers walk out, container terminal shut",
     "Dockworkers at Port Abelin began an indefinite strike on Monday over pay and night shifts, "
     "closing the container terminal and leaving ships waiting at anchor in the bay. The union "
     "said more than two thousand members had stopped work.\n\n"
     "The port authority called the walkout unlawful and said talks could only resume once the "
     "cranes were running again. Hauliers reported queues of lorries several kilometres long on "
     "the coastal road leading to the harbour gates."),
    ("Strike at Port Abelin strands ships and cargo",
     "Dozens of cargo ships are stuck outside Port Abelin after dockworkers went on strike, "
     "demanding higher wages and an end to compulsory night shifts. The container terminal has "
     "been closed since Monday morning.\n\n"
     "Importers warned of shortages of fresh fruit and spare parts if the dispute lasts into "
     "next week. The dockers' union said it was ready to talk but would not return to work "
     "until the port authority improved its pay offer."),
    ("Port authority and dockers' union trade blame as Abelin strike drags on",
     "The port authority of Port Abelin and the dockworkers' union blamed each other on "
     "Wednesday as the strike that closed the container terminal entered its third day. Ships "
     "are still waiting at anchor and lorries line the coastal road.\n\n"
     "A mediator appointed by the labour ministry met both sides but no new pay offer was made. "
     "Union leaders said the night-shift rota, not only wages, was at the heart of the dispute "
     "with the port."),
]

THEFT = [
    ("Painting stolen from Lindqvist Museum in Oravia",
     "Thieves broke into the Lindqvist Museum in Oravia overnight and stole a small landscape "
     "painting by the nineteenth-century painter Edda Marn, police said. The alarm was "
     "triggered shortly before dawn but the thieves had fled by the time officers arrived.\n\n"
     "The museum director said the painting, a view of a frozen lake, was insured but "
     "irreplaceable. The museum will stay closed while detectives examine the broken skylight "
     "the thieves used to get into the gallery."),
    ("Police hunt thieves who took Edda Marn landscape from Oravia museum",
     "Detectives in Oravia are searching for the thieves who climbed through a skylight of the "
     "Lindqvist Museum and took a landscape by Edda Marn. Security cameras filmed two masked "
     "figures in the gallery a few minutes before the alarm went off.\n\n"
     "Art-loss registers have been told about the theft, and police asked dealers to report "
     "any offer of a small winter landscape. The museum said it would review its night "
     "security and the protection of its roof."),
]

MIXED = (
    "Varnholm counts the cost of the dam disaster",
    "A week after the Varnholm dam on the river Osk burst, the lower town is still covered in "
    "mud. Twelve people died in the flood and insurers estimate the damage to homes and roads "
    "in the hundreds of millions. Families are still sleeping in the sports hall.\n\n"
    "The inquiry into the collapse will ask why warnings about the cracked spillway of the "
    "dam went unheeded, and why the reservoir was kept full during the storms. The council "
    "chairwoman has promised to publish every inspection report.\n\n"
    "Rebuilding will be slowed by the dockworkers' strike at Port Abelin, where the container "
    "terminal has been shut since Monday. The dockers' union and the port authority are still "
    "arguing over wages and night shifts, and cranes stand idle while ships wait at anchor in "
    "the bay with the cement and steel the town needs.",
)


def make(items: list[tuple[str, str]], tag: str) -> list[Article]:
    return [Article(id=f"{tag}{k}", text=text, title=title)
            for k, (title, text) in enumerate(items)]


@pytest.fixture(scope="session")
def encoder() -> Any:
    from manysides.nlp.encoder import get_encoder

    return get_encoder()


@pytest.fixture
def corpus() -> dict[str, list[Article]]:
    """The three stories, each a list of articles (fresh objects for every test)."""
    return {"dam": make(DAM, "dam"), "strike": make(STRIKE, "strike"),
            "theft": make(THEFT, "theft")}


@pytest.fixture
def mixed() -> Article:
    return Article(id="mixed", text=MIXED[1], title=MIXED[0])

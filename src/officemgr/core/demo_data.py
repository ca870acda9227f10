"""The sample company's fixed material: the word lists it reads, the office it sets up
(employees, lists, terms, tax codes, payment methods, custom fields) and the names, notes,
equipment, services and weights its customers, jobs and logs are drawn from.

Data only (and the small readers of ``resources/sample/*.txt``); `demo` does the drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources as _resources

# ----------------------------------------------------------------------- word lists


@cache
def words(name: str) -> tuple[str, ...]:
    """A word list from ``resources/sample/<name>.txt``: one entry a line, blanks skipped."""
    text = (
        _resources.files("officemgr.resources").joinpath("sample", f"{name}.txt").read_text("utf-8")
    )
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def pairs(name: str) -> list[tuple[str, str]]:
    """Entries ``a|b`` of a word list (``b`` is "" when missing)."""
    out = []
    for entry in words(name):
        a, _, b = entry.partition("|")
        out.append((a.strip(), b.strip()))
    return out


# (culture, weight): how often a person's name comes from each list
CULTURES = (
    ("english", 50),
    ("hispanic", 12),
    ("irish", 5),
    ("germanic", 4),
    ("french", 3),
    ("slavic", 3),
    ("vietnamese", 4),
    ("chinese", 3),
    ("eastasian", 4),
    ("russian", 2),
    ("greek", 2),
    ("arabic", 2),
    ("southasian", 6),
)
FAMILY_FIRST = {"chinese"}  # written family name first, without a comma or a space
WITH_MIDDLE_INITIAL = {"english", "irish", "germanic", "french", "hispanic"}


@dataclass(frozen=True)
class Culture:
    name: str
    given: tuple[tuple[str, bool], ...]  # (name, is_female)
    family: tuple[tuple[str, str], ...]  # (masculine or only form, feminine form)


@cache
def cultures() -> tuple[tuple[Culture, ...], tuple[float, ...]]:
    cultures = []
    cumulative = []
    total = 0.0
    for name, weight in CULTURES:
        given = tuple((g, flag == "f") for g, flag in pairs(f"given_{name}"))
        family = tuple((m, f or m) for m, f in pairs(f"family_{name}"))
        cultures.append(Culture(name, given, family))
        total += weight
        cumulative.append(total)
    return tuple(cultures), tuple(c / total for c in cumulative)


# ---------------------------------------------------------------------- office lists

COMPANIES = (
    ("Northwind Heating & Cooling", "northwindhvac"),
    ("Blue Ridge Plumbing & Heating", "blueridgeph"),
    ("Cedar Valley Electric & Air", "cedarvalley"),
    ("Harbor Point Home Services", "harborpoint"),
    ("Two Rivers Comfort & Moving", "tworivers"),
)

# (name, initials, is_sales_rep, is_foreman, is_active, role)
EMPLOYEES = (
    ("Dana Whitfield", "DW", True, False, True, "owner"),
    ("Maria González", "MG", False, False, True, "dispatcher"),
    ("Kevin O'Brien", "KO", False, False, True, "dispatcher"),
    ("Linh Trần", "LT", False, False, True, "bookkeeper"),
    ("Tom Becker", "TB", True, False, True, "sales"),
    ("Priya Raman", "PR", True, False, True, "sales"),
    ("Marcus Johnson", "MJ", True, False, True, "sales"),
    ("Jürgen Vogel", "JV", False, True, True, "foreman"),
    ("Luis Ortega", "LO", False, True, True, "foreman"),
    ("Dave McAllister", "DM", False, True, True, "foreman"),
    ("Sam Kowalski", "SK", False, True, True, "foreman"),
    ("Andre Washington", "AW", False, True, True, "foreman"),
    ("Mike Dunn", "MD", False, True, True, "foreman"),
    ("Gary Pruitt", "GP", False, True, False, "foreman"),
)

LISTS = {
    "customer_type": (
        "Residential",
        "Commercial",
        "Government",
        "Property Management",
        "Non-profit",
        "Builder",
    ),
    "department": (
        "Residential Service",
        "Commercial Service",
        "Installation",
        "Plumbing",
        "Electrical",
        "Moving & Storage",
    ),
    "marketing_source": (
        "Referral",
        "Google Search",
        "Google Maps",
        "Yelp",
        "Angi",
        "Nextdoor",
        "Facebook",
        "Yard Sign",
        "Truck Wrap",
        "Radio",
        "Home Show",
        "Repeat Customer",
        "Direct Mail",
    ),
    "price_level": ("Standard", "Preferred", "Commercial", "Service Agreement", "Senior Discount"),
}

# (name, net days, discount percent, discount days, active)
TERMS = (
    ("Due on receipt", 0, "0", 0, True),
    ("Net 15", 15, "0", 0, True),
    ("Net 30", 30, "0", 0, True),
    ("2% 10 Net 30", 30, "2", 10, True),
    ("Net 60", 60, "0", 0, False),
)
TAX_RATE = "7.5"  # percent, the office's own county
# (name, description, rate, taxable)
TAX_CODES = (
    ("Tax", "Sales tax, home county", TAX_RATE, True),
    ("Non", "Non-taxable: exempt or resale", "0", False),
    ("Out of state", "Customer outside the home state", "0", False),
)
PAYMENT_METHODS = (
    ("Cash", "cash"),
    ("Check", "check"),
    ("Visa", "card"),
    ("MasterCard", "card"),
    ("American Express", "card"),
    ("Discover", "card"),
    ("ACH", "ach"),
)
CARD_METHODS = ("Visa", "MasterCard", "American Express", "Discover")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Any day")
# (name, type, choices, applies to)
CUSTOM_FIELDS = (
    ("Gate code", "text", None, "customer"),
    ("Pets", "yes_no", None, "customer"),
    ("Preferred day", "choice", "\n".join(WEEKDAYS), "customer"),
    ("Equipment age", "number", None, "job"),
    ("Warranty expires", "date", None, "job"),
    ("Filter size", "text", None, "both"),
)

# Job types (full names; parents first). Each leaf: (weight, job names, job titles, lines).
# Lines: the kind of invoice lines a job of the type gets (see ``_invoice_lines``).
JOB_TYPES: dict[str, tuple[int, tuple[str, ...], tuple[str, ...], str]] = {
    "Install": (0, (), (), ""),
    "Install:Furnace": (
        9,
        ("Furnace Replacement", "New Furnace", "Furnace Install"),
        ("Replace 80% furnace with 96% two-stage", "Furnace change-out, new flue liner"),
        "install",
    ),
    "Install:AC": (
        8,
        ("AC Replacement", "New Central Air", "AC Install"),
        ("Replace 3-ton AC and coil", "New central air with line set"),
        "install",
    ),
    "Install:Heat Pump": (
        3,
        ("Heat Pump Install", "Heat Pump Conversion"),
        ("Variable-speed heat pump with air handler",),
        "install",
    ),
    "Install:Boiler": (
        2,
        ("Boiler Replacement",),
        ("Condensing boiler, new near-boiler piping",),
        "install",
    ),
    "Install:Water Heater": (
        6,
        ("Water Heater Replacement", "Tankless Water Heater"),
        ("Replace 50 gal gas water heater", "Tankless conversion with new venting"),
        "install",
    ),
    "Install:Ductless Mini-Split": (
        2,
        ("Mini-Split Install", "Garage Mini-Split"),
        ("Two-zone ductless system",),
        "install",
    ),
    "Install:Thermostat": (
        3,
        ("Smart Thermostat",),
        ("Install and set up smart thermostat",),
        "install",
    ),
    "Install:Humidifier": (
        2,
        ("Humidifier Install",),
        ("Whole-house bypass humidifier",),
        "install",
    ),
    "Install:Electrical Panel": (
        3,
        ("Panel Upgrade", "200A Service Upgrade"),
        ("Upgrade 100A panel to 200A service",),
        "install",
    ),
    "Install:EV Charger": (
        2,
        ("EV Charger", "Garage EV Charger"),
        ("Level 2 charger, 50A circuit",),
        "install",
    ),
    "Install:Generator": (
        1,
        ("Standby Generator",),
        ("22 kW standby generator with transfer switch",),
        "install",
    ),
    "Repair": (0, (), (), ""),
    "Repair:Furnace": (
        10,
        ("No Heat Repair", "Furnace Repair"),
        ("Diagnose and repair no-heat call",),
        "repair",
    ),
    "Repair:AC": (
        9,
        ("No Cooling Repair", "AC Repair"),
        ("Diagnose and repair no-cool call",),
        "repair",
    ),
    "Repair:Boiler": (2, ("Boiler Repair",), ("Boiler lockout, replace igniter",), "repair"),
    "Repair:Water Heater": (5, ("Water Heater Repair",), ("Leaking water heater",), "repair"),
    "Repair:Plumbing": (
        6,
        ("Leak Repair", "Plumbing Repair"),
        ("Find and fix the leak",),
        "repair",
    ),
    "Repair:Plumbing:Sewer Line": (
        2,
        ("Sewer Line Repair",),
        ("Camera inspection and sewer repair",),
        "repair",
    ),
    "Repair:Drain": (4, ("Drain Cleaning", "Clogged Drain"), ("Clear main drain",), "repair"),
    "Repair:Electrical": (
        5,
        ("Electrical Repair", "Outlet Repair"),
        ("Dead circuits, trip issue",),
        "repair",
    ),
    "Maintenance": (0, (), (), ""),
    "Maintenance:Tune-up": (
        9,
        ("Spring Tune-up", "Fall Tune-up", "Annual Tune-up"),
        ("Seasonal maintenance",),
        "maintenance",
    ),
    "Maintenance:Service Agreement": (
        4,
        ("Service Agreement", "Maintenance Plan"),
        ("Annual service agreement, two visits",),
        "maintenance",
    ),
    "Inspection": (
        3,
        ("Home Inspection", "Safety Inspection"),
        ("Safety and efficiency inspection",),
        "inspection",
    ),
    "Remodel": (0, (), (), ""),
    "Remodel:Kitchen": (2, ("Kitchen Remodel",), ("Kitchen plumbing and electrical",), "remodel"),
    "Remodel:Bathroom": (
        2,
        ("Bathroom Remodel",),
        ("Bathroom plumbing, fan and lighting",),
        "remodel",
    ),
    "Remodel:Basement": (
        1,
        ("Basement Finish",),
        ("Basement HVAC, plumbing and electrical",),
        "remodel",
    ),
    "Move": (0, (), (), ""),
    "Move:Local": (3, ("Local Move", "Apartment Move"), ("Local move, 3-person crew",), "move"),
    "Move:Long Distance": (1, ("Long Distance Move",), ("Interstate move",), "move"),
    "Move:Office": (1, ("Office Move",), ("Office relocation over a weekend",), "move"),
    "Estimate": (
        3,
        ("Free Estimate", "Replacement Estimate"),
        ("In-home replacement estimate",),
        "estimate",
    ),
}
SUB_JOB_NAMES = (
    "Phase 1",
    "Phase 2",
    "Rough-in",
    "Trim-out",
    "Permit & Inspection",
    "Punch List",
    "Warranty Callback",
    "Ductwork",
    "Electrical",
    "Unit 1A",
    "Unit 2B",
)
SUB_SUB_JOB_NAMES = ("Day 1", "Day 2", "Materials", "Labor", "Follow-up")

JOB_STATUS_WEIGHTS = (
    ("Closed", 48),
    ("In Progress", 7),
    ("Awarded", 7),
    ("Pending", 12),
    ("Not Awarded", 8),
    ("None", 18),
)
PROSPECT_STATUSES = ("None", "Pending", "Not Awarded", "Awarded")

ROLES_HOME = (
    "Tenant",
    "Landlord",
    "Property Manager",
    "Neighbor (has key)",
    "Daughter",
    "Son",
)
ROLES_BUSINESS = (
    "Office Manager",
    "Facilities Manager",
    "Accounts Payable",
    "Owner",
    "Store Manager",
    "Maintenance Supervisor",
    "Building Engineer",
)
CONTACT_NOTES = (
    "Prefers text messages.",
    "Only available after 3 pm.",
    "Approves work orders over $500.",
    "Send invoices here, not to the site.",
    "Speaks Spanish; English OK for scheduling.",
)
HOLD_REASONS = (
    "Over 90 days past due",
    "Returned check (NSF)",
    "Disputed charges - see notes",
    "Over credit limit",
    "Collections agency account",
)
VOID_REASONS = ("Duplicate invoice", "Billed to the wrong job", "Price adjustment - reissued")
SALUTATIONS_M = ("Mr.", "Mr.", "Mr.", "Dr.")
SALUTATIONS_F = ("Ms.", "Mrs.", "Ms.", "Dr.")
UNIT_LINE2 = (
    "Apt 1",
    "Apt 2B",
    "Apt 4C",
    "Unit 12",
    "Unit 3",
    "Suite 200",
    "Suite 110",
    "Fl 2",
    "Rear",
)
DIRECTIONS = ("N", "S", "E", "W", "NE", "NW", "SE", "SW")
WINDOWS = ("8-10 am", "10-12", "12-2 pm", "2-4 pm", "all day", "first call")
JUNK_PHONES = (
    "call office",
    "ask for Maria",
    "see notes",
    "n/a",
    "TBD",
    "same as above",
    "555-20",
    "x15",
    "201-33",
    "none given",
)
EMAIL_DOMAINS = (
    "example.com",
    "example.net",
    "example.org",
    "mail.example.com",
    "inbox.example.net",
)
BUSINESS_MAILBOXES = ("info", "office", "service", "contact", "admin", "frontdesk")
SCHOOL_SITES = ("Central Office", "Bus Garage", "High School", "Middle School")
LIBRARY_SITES = ("Main", "North Branch", "South Branch", "East Branch")
HOUSING = ("Apartments", "Condominium Association", "HOA")
ACCESS = ("front door", "side gate", "garage keypad", "ask at the office")
PERMITS = ("Permit pulled.", "No permit needed.", "HOA approval on file.")
SITE_NOTES = (
    "Bring drop cloths & shoe covers.",
    "Parking in the driveway is OK.",
    "Call ahead: dog in the yard.",
)
GOV_DEPARTMENTS = (
    "Public Works",
    "Parks & Recreation",
    "Water Division",
    "Fleet Maintenance",
    "City Hall",
)

# Invoice line catalog: (description, rate in cents, taxable)
EQUIPMENT = {
    "Install:Furnace": (
        ("Furnace, 96% AFUE 60,000 BTU two-stage", 285000),
        ("Furnace, 80% AFUE 80,000 BTU", 185000),
    ),
    "Install:AC": (
        ("Air conditioner, 3 ton 16 SEER2", 395000),
        ("Air conditioner, 2.5 ton 14.3 SEER2", 310000),
    ),
    "Install:Heat Pump": (("Heat pump, 3 ton variable speed", 645000),),
    "Install:Boiler": (("Boiler, 110,000 BTU condensing", 540000),),
    "Install:Water Heater": (
        ("Water heater, 50 gal gas", 128000),
        ("Water heater, tankless 199k BTU", 265000),
    ),
    "Install:Ductless Mini-Split": (("Mini-split, 2-zone 18k BTU", 480000),),
    "Install:Thermostat": (("Smart thermostat", 24900),),
    "Install:Humidifier": (("Whole-house humidifier", 62000),),
    "Install:Electrical Panel": (("200A panel & breakers", 210000),),
    "Install:EV Charger": (("Level 2 EV charger, 48A", 69900),),
    "Install:Generator": (
        ("Standby generator 22 kW", 699000),
        ("Automatic transfer switch", 135000),
    ),
}
PARTS = (
    ("Flame sensor", 8900),
    ("Hot surface igniter", 14500),
    ("Capacitor 45/5 MFD", 12900),
    ("Contactor, 2-pole 30A", 11900),
    ("Blower motor", 62500),
    ("Inducer motor", 54000),
    ("Condensate pump", 18900),
    ("Thermocouple", 4500),
    ("Gas valve", 39500),
    ("Anode rod", 8900),
    ("T&P relief valve", 6500),
    ("Flapper & fill valve", 4800),
    ("GFCI receptacle", 3900),
    ("Breaker, 20A", 2900),
    ("P-trap & fittings", 3600),
)
LABOR_RATE = 12500
MOVE_CREW_RATE = 16500

SERVICES = (  # requested services on moving jobs: (service, unit, rate, quantity range)
    ("Packing service", "box", 1200, (10, 60)),
    ("Loading", "hr", MOVE_CREW_RATE, (2, 6)),
    ("Unloading", "hr", MOVE_CREW_RATE, (2, 5)),
    ("Piano move", "ea", 25000, (1, 1)),
    ("Storage", "mo", 18900, (1, 6)),
    ("Appliance disconnect", "ea", 7500, (1, 3)),
    ("Furniture assembly", "hr", 9500, (1, 4)),
    ("Crating", "ea", 15000, (1, 2)),
)
# (room, item, cubic feet, weight lb, special handling)
INVENTORY = (
    ("Living Room", "Sofa, 3-cushion", 35, 150, None),
    ("Living Room", "Loveseat", 25, 100, None),
    ("Living Room", "Armchair", 15, 60, None),
    ("Living Room", "Coffee table", 5, 30, None),
    ("Living Room", 'TV, 65"', 8, 45, "TV box"),
    ("Living Room", "Bookcase", 20, 80, "Disassemble/reassemble"),
    ("Living Room", "Piano, upright", 70, 500, "Piano board, 3 movers"),
    ("Bedroom", "Queen bed", 60, 200, "Disassemble/reassemble"),
    ("Bedroom", "Dresser", 30, 150, None),
    ("Bedroom", "Nightstand", 5, 25, None),
    ("Bedroom", "Mirror", 5, 20, "Mirror carton"),
    ("Kitchen", "Refrigerator", 45, 250, "Disconnect water line"),
    ("Kitchen", "Microwave", 3, 35, None),
    ("Dining Room", "Dining table", 20, 100, None),
    ("Dining Room", "Dining chair", 5, 15, None),
    ("Dining Room", "China cabinet", 40, 200, "Fragile"),
    ("Garage", "Lawn mower", 10, 80, "Drain gas"),
    ("Garage", "Workbench", 20, 120, None),
    ("Garage", "Bicycle", 10, 30, None),
    ("Office", "Desk", 30, 150, None),
    ("Office", "File cabinet, 4-drawer", 10, 90, "Empty drawers"),
    ("Boxes", "Box, medium", 3, 25, None),
    ("Boxes", "Box, large", 5, 35, None),
    ("Boxes", "Wardrobe box", 10, 40, None),
)
NON_PROFIT_WORDS = ("Church", "Fellowship", "Lodge", "Veterans")
BUILDER_WORDS = ("Construction", "Builders", "Homes", "Roofing")
PARKING = (
    "Driveway",
    "Street, 50 ft",
    "Loading dock",
    "Parking lot, 200 ft walk",
    "Alley behind building",
)
SERVICE_NOTES = (
    "Customer supplies boxes",
    "Fragile items in kitchen",
    "Confirm storage unit size",
)
STOP_NOTES = ("Reserve elevator with building", "Narrow staircase", "Long walk from the truck")
FLOORS = ("1", "1", "2", "3", "B", "G", "5")
FILTERS = ("16x25x1", "20x25x1", "16x25x4", "20x20x1")
DEFAULT_EQUIPMENT = (("Equipment", 150000),)
INITIALS = "ABCDEFGHJKLMNPRSTW"
EXTENSION_MARKS = (" x", " x", " ext. ", " ext ")
EXTRA_PHONES_HOME = (("cell", 0.45), ("work", 0.08))
EXTRA_PHONES_BUSINESS = (("alt", 0.25), ("fax", 0.2))
CONTACT_PHONES_HOME = ("cell", "mobile", "work", "home")
CONTACT_PHONES_BUSINESS = ("work", "cell")
INACTIVE_STATUSES = ("Closed", "Not Awarded", "None")
NOTEPAD_LINES = (
    "Prefers morning appointments.",
    "Spoke with {given} about a maintenance plan.",
    "Old system is original to the house (1998).",
    "Side door code changes; ask when booking.",
    "Pays by check at the door.",
    "Wants a call 30 minutes before arrival.",
)
# 555-NXX-XXXX: 799 exchanges (200-999 but 555) of 10,000 lines, walked in a scattered
# but never repeating order (the step is a prime, so coprime with the space)
PHONE_SPACE = 799 * 10_000
PHONE_STEP = 7_368_787
# customers (by position) made inactive, a prospect, … whatever the dice say
FORCED = {2: "prospect", 4: "inactive", 6: "hold", 8: "popup", 12: "hold", 14: "popup"}
PLACEHOLDERS = {"contact", "emp", "tech", "day", "window", "symptom", "job", "amount"}
KIND_WEIGHTS = {
    "Call In": 34,
    "Call Out": 20,
    "Email": 12,
    "Text": 10,
    "Visit": 9,
    "Letter": 3,
    "Note": 9,
    "System": 3,
}


def cumulative(weights: Sequence[float]) -> list[float]:
    total = float(sum(weights))
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc / total)
    out[-1] = 1.0
    return out


PREFERRED_CUM = cumulative([50, 20, 15, 12, 3])  # phone, cell, text, email, none
ESTIMATE_CUM = cumulative([4, 4, 2])  # binding, non-binding, not to exceed
INACTIVE_STATUS_CUM = cumulative([75, 15, 10])

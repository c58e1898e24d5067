"""Accessibility checks with axe-core (shipped inside the axe-playwright-python wheel)."""

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
BLOCKING = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    """Return the serious and critical axe-core violations on the page as it is now."""
    violations = AXE.run(page).response["violations"]
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        for violation in violations
        if violation["impact"] in BLOCKING
    ]

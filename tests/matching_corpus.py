"""A small corpus of known claims written for the tests (invented reviews, example.org URLs)."""

REVIEWS = [
    ("Drinking hot water every fifteen minutes cures viral infections.", "False", "Health Check"),
    ("The city council voted to ban bicycles from all bridges.", "Mostly false", "Civic Facts"),
    ("A new law requires dogs to wear seat belts in cars.", "Misleading", "Civic Facts"),
    ("The moon landing footage was filmed in a television studio.", "False", "Health Check"),
    ("Eating carrots lets you see in complete darkness.", "False", "Health Check"),
    ("The national railway will stop all night trains next year.", "Unproven", "Rail Watch"),
    ("Zelenskyy agreed to hand the Donbas region to Russia in exchange for a ceasefire.", "False",
     "Civic Facts"),
    ("Wind turbines cause more bird deaths than cars and buildings combined.", "False", "Energy Desk"),
    ("The central bank printed a banknote showing a cartoon character.", "Satire", "Money Desk"),
    ("Solar panels produce no electricity on cloudy days.", "Mostly false", "Energy Desk"),
    ("Schools will be closed on Fridays starting in September.", "Missing context", "Civic Facts"),
    ("A famous singer bought an island shaped like a guitar.", "True", "Celebrity Check"),
]


def claimreview(number: int, claim: str, rating: str, author: str, **extra) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checks.example.org/{number}",
        "claimReviewed": claim,
        "headline": f"Fact check: {claim}",
        "datePublished": f"2025-0{1 + number % 9}-1{number % 10}",
        "inLanguage": "en",
        "author": {"@type": "Organization", "name": author, "url": "https://checks.example.org/"},
        "reviewRating": {"@type": "Rating", "alternateName": rating},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A social media post"},
            "datePublished": "2025-01-01",
            "appearance": [{"@type": "CreativeWork", "url": f"https://social.example.org/post/{number}"}],
        },
        **extra,
    }


def corpus() -> list[dict]:
    return [claimreview(number, *review) for number, review in enumerate(REVIEWS, start=1)]

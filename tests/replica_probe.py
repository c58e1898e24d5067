"""Run inside a process configured with DATABASE_URL and DATABASE_REPLICA_URL; print what it read.

test_replica_router starts it: a test client cannot switch the databases of its own process.
"""

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.test import Client
    if sys.argv[1] == "--unreachable":
        return unreachable(Client())
    token = sys.argv[1]  # the writer's API key
    anonymous, writer = Client(), Client(HTTP_AUTHORIZATION=f"Token {token}")

    def claims(client):
        return sorted(claim["claim"] for claim in client.get("/api/v1/claims/").json()["results"])

    def export(client):
        body = b"".join(client.get("/api/v1/claims/export/?format=jsonl").streaming_content)
        return sorted(json.loads(line)["claim"] for line in body.splitlines())

    result = {
        "anonymous_list": claims(anonymous),
        "anonymous_export": export(anonymous),
        "writer_list_before_writing": claims(writer),
        "annotations_list": sorted(
            item["claim"] for item in writer.get("/api/v1/annotations/").json()["results"]
        ),
    }
    annotation = writer.get("/api/v1/annotations/").json()["results"][0]
    created = writer.post(
        "/api/v1/annotations/",
        {"article": annotation["article"], "quote": annotation["quote"], "claim": "written now"},
        content_type="application/json",
    )
    result["write_status"] = created.status_code
    result["writer_list_after_writing"] = claims(writer)
    result["writer_annotations_after_writing"] = sorted(
        item["claim"] for item in writer.get("/api/v1/annotations/").json()["results"]
    )
    result["anonymous_list_after_writing"] = claims(anonymous)
    print(json.dumps(result))


def unreachable(anonymous) -> None:
    """The replica refuses connections: public reads come from the primary, and it is tried once."""
    from django.db import connections

    replica = connections["replica"]
    attempts = []
    connect = replica.get_new_connection

    def counted(params):
        attempts.append(params["port"])
        return connect(params)

    replica.get_new_connection = counted
    lists = [
        sorted(claim["claim"] for claim in anonymous.get("/api/v1/claims/").json()["results"])
        for _ in range(3)
    ]
    ready = anonymous.get("/readyz")
    print(json.dumps({
        "lists": lists, "readyz": [ready.status_code, ready.json()], "connect_attempts": len(attempts),
    }))


if __name__ == "__main__":
    main()

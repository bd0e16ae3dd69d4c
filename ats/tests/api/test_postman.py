"""docs/postman_collection.json: Postman v2.1, with base_url/username/password, and every API operation."""

import json
import re
from pathlib import Path

from ats.tests.api.conftest import API_OPERATIONS

COLLECTION = Path(__file__).resolve().parents[3] / "docs" / "postman_collection.json"


def requests(items: list[dict]) -> list[dict]:
    found = []
    for item in items:
        found += requests(item["item"]) if "item" in item else [item]
    return found


def test_it_is_a_postman_v2_1_collection_with_the_login_variables():
    collection = json.loads(COLLECTION.read_text())

    assert collection["info"]["schema"] == "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
    variables = {variable["key"] for variable in collection["variable"]}
    assert {"base_url", "username", "password", "access_token", "refresh_token"} <= variables
    assert collection["auth"]["bearer"][0]["value"] == "{{access_token}}"


def test_it_covers_every_api_operation():
    items = requests(json.loads(COLLECTION.read_text())["item"])

    covered = set()
    for item in items:
        path = "/" + "/".join(item["request"]["url"]["path"])
        assert item["request"]["url"]["raw"].startswith("{{base_url}}/api/")
        covered.add((item["request"]["method"].lower(), re.sub(r"\{\{\w+_id\}\}", "{id}", path)))
    assert covered >= API_OPERATIONS


def test_login_stores_the_tokens_for_the_other_requests():
    items = {item["name"]: item for item in requests(json.loads(COLLECTION.read_text())["item"])}
    login = items["Auth: Login"]

    assert json.loads(login["request"]["body"]["raw"]) == {"username": "{{username}}", "password": "{{password}}"}
    script = "\n".join(login["event"][0]["script"]["exec"])
    assert 'pm.collectionVariables.set("access_token", body.access);' in script
    assert 'pm.collectionVariables.set("refresh_token", body.refresh);' in script


def test_every_raw_body_is_json_and_every_variable_is_declared():
    collection = json.loads(COLLECTION.read_text())
    declared = {variable["key"] for variable in collection["variable"]}

    for item in requests(collection["item"]):
        request = item["request"]
        used = set(re.findall(r"\{\{(\w+)\}\}", json.dumps(request)))
        assert used <= declared, (item["name"], used - declared)
        if request.get("body", {}).get("mode") == "raw":
            json.loads(request["body"]["raw"])

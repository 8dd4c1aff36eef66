#!/usr/bin/env python3
"""`partnermatch mcp` driven by a client nobody here wrote: the official MCP Python SDK.

Starts `.build/debug/partnermatch mcp` (or the binary given as the first argument) over
stdio with a fresh database in a temporary folder, initializes, lists the tools, calls
each one and checks the answers. Exits non-zero on the first failed check.

    python3 -m venv /tmp/mcp-venv && /tmp/mcp-venv/bin/pip install mcp
    /tmp/mcp-venv/bin/python Tests/mcp/test_mcp_client.py
"""
import asyncio
import os
import sys
import tempfile

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "partnermatch"))
TOOLS = ["rank_need", "explain_pair", "search_partners", "list_needs", "score_batch", "write_brief"]


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print(f"ok: {what}")


def text_of(result):
    check(len(result.content) == 1 and result.content[0].type == "text", "one text content")
    return result.content[0].text


async def main():
    with tempfile.TemporaryDirectory(prefix="pm-mcp-") as tmp:
        env = dict(os.environ)
        env["PARTNERMATCH_DB"] = os.path.join(tmp, "catalog.sqlite")
        env["PARTNERMATCH_DATA"] = os.path.join(ROOT, "Data")
        params = StdioServerParameters(command=BINARY, args=["mcp"], env=env, cwd=tmp)
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                init = await session.initialize()
                check(init.server_info.name == "partnermatch", f"serverInfo.name is partnermatch ({init.server_info.name})")
                check(init.capabilities.tools is not None, "the server has the tools capability")
                check(init.protocol_version in ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"),
                      f"a handshake version was agreed ({init.protocol_version})")
                await session.send_ping()
                check(True, "ping answered")

                listed = await session.list_tools()
                names = [t.name for t in listed.tools]
                check(names == TOOLS, f"tools/list gives the six tools in order ({names})")
                for t in listed.tools:
                    schema = t.input_schema
                    check(schema.get("type") == "object" and schema.get("additionalProperties") is False,
                          f"{t.name}: the input schema is a closed object")
                    check(set(schema.get("required", [])) <= set(schema["properties"]), f"{t.name}: required names are properties")

                needs = await session.call_tool("list_needs", {"province": "Sơn La"})
                check(not needs.is_error, "list_needs succeeds")
                stored = needs.structured_content["needs"]
                check(len(stored) > 0, f"list_needs returns the bundled needs of Sơn La ({len(stored)})")
                check(all(n["province"] == "son-la" for n in stored), "every need listed is in Sơn La")
                check(text_of(needs).startswith(f"{len(stored)} stored need"), "list_needs' text counts the needs")
                need_id = stored[0]["id"]

                ranked = await session.call_tool("rank_need", {"need": need_id, "top": 3})
                check(not ranked.is_error, f"rank_need {need_id} succeeds")
                entries = ranked.structured_content["entries"]
                check(len(entries) == 3 and [e["rank"] for e in entries] == [1, 2, 3], "rank_need gives 3 ranked partners")
                check(entries[0]["score"] >= entries[1]["score"] >= entries[2]["score"], "scores go down with the rank")
                check(ranked.structured_content["need"] == need_id, "the ranking names its need")
                check(f"[{entries[0]['partner']}]" in text_of(ranked), "the text names the first partner")

                described = await session.call_tool("rank_need", {
                    "sectors": [{"code": "31120", "share": 70}, {"code": "32161", "share": 30}],
                    "budget": "50 tỷ", "date": "2025-06-01", "province": "Sơn La", "instrument": "grant", "top": 5})
                check(not described.is_error, "rank_need on a described need succeeds")
                assumed = {a["field"] for a in described.structured_content.get("assumed", [])}
                check("applicant" in assumed, f"the applicant left out is said to be assumed ({sorted(assumed)})")
                check("Assumed: applicant = province" in text_of(described), "the text says what was assumed")

                partner = entries[0]["partner"]
                explained = await session.call_tool("explain_pair", {"need": need_id, "partner": partner})
                check(not explained.is_error, "explain_pair succeeds")
                x = explained.structured_content
                check(x["partner"] == partner and x["need"] == need_id, "the explanation names its pair")
                check(x["eligible"] is True and abs(x["score"] - entries[0]["score"]) < 0.01,
                      f"the explained score is the ranked score ({x['score']} vs {entries[0]['score']})")
                check(abs(sum(f["contribution"] for f in x["features"]) - x["score"]) < 0.01, "the contributions add up to the score")

                found = await session.call_tool("search_partners", {"text": "koica"})
                check(not found.is_error and [p["id"] for p in found.structured_content["partners"]][:1] == ["koica-grants"],
                      "search_partners finds KOICA")
                folded = await session.call_tool("search_partners", {"text": "QUY PHAT TRIEN"})
                check(len(folded.structured_content["partners"]) > 0, "search_partners ignores case and diacritics")

                batch = await session.call_tool("score_batch", {"needs": [need_id, stored[-1]["id"], {
                    "sectors": [{"code": "12230", "share": 100}], "budgetUSD": 80000, "applicant": "commune"}], "top": 2})
                check(not batch.is_error, "score_batch succeeds")
                rankings = batch.structured_content["rankings"]
                check([r["need"] for r in rankings] == [need_id, stored[-1]["id"], "ad-hoc"], "score_batch keeps the needs' order")
                check(rankings[0]["entries"] == entries[:2], "score_batch ranks a need as rank_need does")

                brief = await session.call_tool("write_brief", {"need": need_id, "language": "vi", "top": 3})
                check(not brief.is_error, "write_brief succeeds")
                md = text_of(brief)
                check(md.startswith("# ") and md == brief.structured_content["markdown"], "write_brief returns the Markdown")
                check(all(e["partner"] in brief.structured_content["partners"] for e in entries), "the brief lists the ranked partners")

                bad = await session.call_tool("rank_need", {"need": need_id, "top": 0})
                check(bad.is_error and "arguments.top" in text_of(bad), f"a bad argument is a tool error naming it ({text_of(bad)})")
                unknown = await session.call_tool("explain_pair", {"need": need_id, "partner": "no-such-partner"})
                check(unknown.is_error and "Unknown partner" in text_of(unknown), "an unknown partner is a tool error")
                try:
                    await session.call_tool("no_such_tool", {})
                    check(False, "an unknown tool is refused")
                except Exception as e:  # the SDK raises the JSON-RPC error
                    check("Unknown tool" in str(e), f"an unknown tool is a protocol error ({e})")
    print("MCP client test: all checks passed")


if __name__ == "__main__":
    asyncio.run(main())

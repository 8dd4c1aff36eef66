"""Write JSON with one array element per line: readable diffs, small files."""
import json


def dumps(obj, indent=0):
    pad = " " * indent
    if isinstance(obj, dict) and any(isinstance(v, list) and v and isinstance(v[0], (dict, str)) and len(json.dumps(v, ensure_ascii=False)) > 100 for v in obj.values()):
        items = []
        for k, v in obj.items():
            items.append(pad + "  " + json.dumps(k) + ": " + dumps(v, indent + 2).lstrip())
        return pad + "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and len(json.dumps(obj, ensure_ascii=False)) > 100:
        return pad + "[\n" + ",\n".join(pad + "  " + json.dumps(x, ensure_ascii=False) for x in obj) + "\n" + pad + "]"
    return pad + json.dumps(obj, ensure_ascii=False)


def write(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        f.write(dumps(obj) + "\n")

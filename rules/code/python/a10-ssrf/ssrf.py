import requests
from fastapi import FastAPI

app = FastAPI()
ALLOWED = {"https://a.example.com", "https://b.example.com"}


@app.get("/fetch")
def fetch(url: str):
    # ruleid: DSQ-PY-0005
    r = requests.get(url, timeout=5)
    # ok: DSQ-PY-0005
    s = requests.get("https://api.example.com/items", params={"q": url}, timeout=5)
    if url not in ALLOWED:
        return {"error": "bad url"}
    # ok: DSQ-PY-0005
    t = requests.get(url, timeout=5)
    return {"a": r.text, "b": s.text, "c": t.text}

from flask import Flask, request
from markupsafe import Markup, escape

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: DSQ-PY-0007
    return f"<h1>Hello {name}</h1>"


@app.route("/bio")
def bio():
    # ruleid: DSQ-PY-0007
    html = Markup("<p>" + request.form["bio"] + "</p>")
    # ok: DSQ-PY-0007
    safe = Markup("<p>{}</p>").format(escape(request.form["bio"]))
    # ok: DSQ-PY-0007
    return f"<h1>Hello {escape(request.args.get('name'))}</h1>"


@app.route("/plain")
def plain():
    # ok: DSQ-PY-0007
    return "<h1>static</h1>"

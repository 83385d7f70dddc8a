import ast
from flask import request


def calc():
    expr = request.form["expr"]
    # ruleid: DSQ-PY-0003
    result = eval(expr)
    # ruleid: DSQ-PY-0003
    exec("x = " + request.args["x"])
    # ok: DSQ-PY-0003
    value = ast.literal_eval(expr)
    # ok: DSQ-PY-0003
    two = eval("1 + 1")
    return str(result + value + two)

from fastapi import FastAPI

# ruleid: DSQ-PY-0026
app = FastAPI(title="api")
# ok: DSQ-PY-0026
router = APIRouter()

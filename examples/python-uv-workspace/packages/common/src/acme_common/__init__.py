from .config import settings
from .models import Base, Order

__all__ = ["Base", "Order", "settings"]

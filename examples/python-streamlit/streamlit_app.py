import os
from pathlib import Path

import pandas as pd
import streamlit as st

DATA = Path(__file__).parent / "data" / "sales.csv"

st.set_page_config(page_title=os.getenv("DASHBOARD_TITLE", "Sales"), layout="wide")
st.title(os.getenv("DASHBOARD_TITLE", "Sales"))


@st.cache_data
def load() -> pd.DataFrame:
    return pd.read_csv(DATA)


sales = load()
regions = st.multiselect("Regions", sorted(sales["region"].unique()), default=sorted(sales["region"].unique()))
selected = sales[sales["region"].isin(regions)]

st.metric("Revenue", f"{selected['revenue'].sum():,}")
st.line_chart(selected.pivot_table(index="month", columns="region", values="revenue", aggfunc="sum"))
st.dataframe(selected, use_container_width=True)

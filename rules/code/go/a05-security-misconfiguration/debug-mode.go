package main

import (
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

func main() {
	// ruleid: DSQ-GO-0015
	gin.SetMode(gin.DebugMode)
	// ok: DSQ-GO-0015
	gin.SetMode(gin.ReleaseMode)
	e := echo.New()
	// ruleid: DSQ-GO-0015
	e.Debug = true
	// ok: DSQ-GO-0015
	e.HideBanner = true
}

package main

import (
	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	fibercors "github.com/gofiber/fiber/v2/middleware/cors"
)

func setup(r *gin.Engine) {
	// ruleid: DSQ-GO-0014
	r.Use(cors.New(cors.Config{AllowOrigins: []string{"*"}, AllowCredentials: true}))
	// ok: DSQ-GO-0014
	r.Use(cors.New(cors.Config{AllowOrigins: []string{"https://app.example.com"}, AllowCredentials: true}))
	// ok: DSQ-GO-0014
	r.Use(cors.New(cors.Config{AllowOrigins: []string{"*"}}))
}

// ruleid: DSQ-GO-0014
var fiberCORS = fibercors.New(fibercors.Config{AllowOrigins: "*", AllowCredentials: true})

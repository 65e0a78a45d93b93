package httpapi

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openapiJSON is the OpenAPI 3 description of the API. It is written by
// hand next to the code and tests check every endpoint's real responses
// against it, so it cannot drift silently.
//
//go:embed openapi.json
var openapiJSON []byte

// OpenAPI returns the OpenAPI 3 document of the API.
func OpenAPI() []byte { return openapiJSON }

func (s *Server) openapi(c *gin.Context) {
	c.Data(http.StatusOK, "application/json; charset=utf-8", openapiJSON)
}

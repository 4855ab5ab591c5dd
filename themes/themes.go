// Package themes embeds the default theme into the huajie binary, so a site
// needs nothing but its content to build.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var embedded embed.FS

// Default returns the embedded default theme, rooted at its folder (layouts/, static/).
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the folder is embedded at compile time
	}
	return sub
}

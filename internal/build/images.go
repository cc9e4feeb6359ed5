package build

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // decoders for the sizes of static images
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/site"
	"github.com/docgen/docgen/shortcodes"
)

// imageCache resolves image references to static files and remembers
// their intrinsic sizes.
type imageCache struct {
	fsys   fs.FS
	static map[string]bool
	mu     sync.Mutex
	sizes  map[string]imageSize
}

type imageSize struct{ w, h int }

var imageTypo = regexp.MustCompile(`^(/images/v\d+\.\d+)([A-Za-z_].*)$`)

// resolve finds the static file an image reference names. A reference
// missing the slash after its version is corrected with a warning; a
// missing file is an error listing what was tried.
func (c *imageCache) resolve(src string, report func(level diag.Level, id, msg, hint string), deps map[string]bool) (shortcodes.ImageInfo, bool) {
	if src == "" {
		return shortcodes.ImageInfo{}, false
	}
	if hasScheme(src) || strings.HasPrefix(src, "//") || strings.HasPrefix(src, "data:") {
		return shortcodes.ImageInfo{URL: src}, true
	}
	clean := path.Clean("/" + strings.SplitN(src, "?", 2)[0])
	tried := []string{clean}
	defer func() {
		for _, t := range tried {
			deps[path.Join(site.StaticDir, t)] = true
		}
	}()
	if c.static[clean[1:]] {
		return c.info(clean), true
	}
	if m := imageTypo.FindStringSubmatch(clean); m != nil {
		fixed := m[1] + "/" + m[2]
		tried = append(tried, fixed)
		if c.static[fixed[1:]] {
			report(diag.Warning, "image-path-typo", fmt.Sprintf("image %q is missing the slash after its version; read as %q", src, fixed),
				fmt.Sprintf(`write src="%s"`, fixed))
			return c.info(fixed), true
		}
	}
	var hint strings.Builder
	hint.WriteString("tried:")
	for _, t := range tried {
		fmt.Fprintf(&hint, "\n  %s", path.Join(site.StaticDir, t))
	}
	report(diag.Error, "image-not-found", fmt.Sprintf("image %q not found", src), hint.String())
	return shortcodes.ImageInfo{URL: clean}, false
}

func (c *imageCache) info(url string) shortcodes.ImageInfo {
	c.mu.Lock()
	sz, ok := c.sizes[url]
	c.mu.Unlock()
	if !ok {
		sz = c.measure(url)
		c.mu.Lock()
		c.sizes[url] = sz
		c.mu.Unlock()
	}
	return shortcodes.ImageInfo{URL: url, Width: sz.w, Height: sz.h}
}

var svgSize = regexp.MustCompile(`<svg[^>]*?\swidth="([\d.]+)(?:px)?"[^>]*?\sheight="([\d.]+)(?:px)?"`)
var svgViewBox = regexp.MustCompile(`<svg[^>]*?\sviewBox="[\d.-]+[ ,]+[\d.-]+[ ,]+([\d.]+)[ ,]+([\d.]+)"`)

// measure reads an image's intrinsic size, so the page can reserve its box
// before it loads. Unknown formats measure 0×0 and render without a size.
func (c *imageCache) measure(url string) imageSize {
	data, err := fs.ReadFile(c.fsys, path.Join(site.StaticDir, url[1:]))
	if err != nil {
		return imageSize{}
	}
	if strings.HasSuffix(strings.ToLower(url), ".svg") {
		for _, re := range []*regexp.Regexp{svgSize, svgViewBox} {
			if m := re.FindSubmatch(data); m != nil {
				w, _ := strconv.ParseFloat(string(m[1]), 64)
				h, _ := strconv.ParseFloat(string(m[2]), 64)
				return imageSize{int(w + 0.5), int(h + 0.5)}
			}
		}
		return imageSize{}
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return imageSize{}
	}
	return imageSize{cfg.Width, cfg.Height}
}

package live

import (
	"reflect"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		in   Variable
		want Variable
	}{
		{
			Variable{ID: "tenantId"},
			Variable{ID: "tenantId", Label: "Tenant ID", Type: "string", Placeholder: "<TENANT_ID>"},
		},
		{
			Variable{ID: " clientSecret ", Type: " Secret ", Example: " s3cret \n"},
			Variable{ID: "clientSecret", Label: "Client secret", Type: "secret", Example: "s3cret", Sensitive: true, Placeholder: "<CLIENT_SECRET>"},
		},
		{
			Variable{ID: "redirectURI", Label: "Callback", Placeholder: "YOUR_CALLBACK"},
			Variable{ID: "redirectURI", Label: "Callback", Type: "string", Placeholder: "YOUR_CALLBACK"},
		},
		{
			Variable{ID: "base-url_path", Type: "url"},
			Variable{ID: "base-url_path", Label: "Base URL path", Type: "url", Placeholder: "<BASE_URL_PATH>"},
		},
		{
			Variable{ID: "baseURLPath2x"},
			Variable{ID: "baseURLPath2x", Label: "Base URL path2x", Type: "string", Placeholder: "<BASE_URL_PATH2X>"},
		},
		{
			Variable{ID: "cloud", Type: "enum", Options: []Option{{Value: " global "}, {Value: "usgov", Label: "US Gov"}}},
			Variable{ID: "cloud", Label: "Cloud", Type: "enum", Example: "global", Placeholder: "<CLOUD>",
				Options: []Option{{Value: "global", Label: "global"}, {Value: "usgov", Label: "US Gov"}}},
		},
		{
			Variable{ID: "authority", Type: "enum", Derived: "{x}", Options: []Option{{Value: "a"}}},
			Variable{ID: "authority", Label: "Authority", Type: "enum", Derived: "{x}", Placeholder: "<AUTHORITY>",
				Options: []Option{{Value: "a", Label: "a"}}},
		},
	} {
		got := tc.in
		got.Normalize()
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Normalize(%+v)\n got %+v\nwant %+v", tc.in, got, tc.want)
		}
	}
}

// azure is the Azure sign-in declaration: a cloud, a tenant and the
// addresses derived from them.
func azure() []Variable {
	return []Variable{
		{ID: "cloud", Type: "enum", Options: []Option{
			{Value: "global", Label: "Global", Props: map[string]string{"host": "login.microsoftonline.com"}},
			{Value: "usgov", Label: "US Government", Props: map[string]string{"host": "login.microsoftonline.us"}},
			{Value: "china", Label: "China (21Vianet)", Props: map[string]string{"host": "login.partner.microsoftonline.cn"}},
		}},
		{ID: "tenantId", Type: "tenant", Required: true, Example: "8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93"},
		{ID: "authority", Derived: "https://{cloud.host}/{tenantId}"},
		{ID: "discovery", Derived: "https://{cloud.host}/{tenantId}/v2.0/.well-known/openid-configuration"},
		{ID: "keys", Derived: "https://{cloud.host}/common/discovery/keys"},
	}
}

func TestAzureCloud(t *testing.T) {
	set, problems := NewSet(azure())
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	const tenant = "8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93"
	for _, tc := range []struct {
		name  string
		input map[string]string
		want  map[string]string
	}{
		{"examples", nil, map[string]string{
			"cloud":     "global",
			"tenantId":  tenant,
			"authority": "https://login.microsoftonline.com/" + tenant,
			"discovery": "https://login.microsoftonline.com/" + tenant + "/v2.0/.well-known/openid-configuration",
			"keys":      "https://login.microsoftonline.com/common/discovery/keys",
		}},
		{"usgov", map[string]string{"cloud": "usgov", "tenantId": " contoso.onmicrosoft.com\n"}, map[string]string{
			"cloud":     "usgov",
			"tenantId":  "contoso.onmicrosoft.com",
			"authority": "https://login.microsoftonline.us/contoso.onmicrosoft.com",
			"discovery": "https://login.microsoftonline.us/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration",
			"keys":      "https://login.microsoftonline.us/common/discovery/keys",
		}},
		{"multi-tenant warning keeps the value", map[string]string{"tenantId": "common"}, map[string]string{
			"cloud":     "global",
			"tenantId":  "common",
			"authority": "https://login.microsoftonline.com/common",
			"discovery": "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
			"keys":      "https://login.microsoftonline.com/common/discovery/keys",
		}},
		{"china", map[string]string{"cloud": "china", "tenantId": tenant, "authority": "ignored"}, map[string]string{
			"cloud":     "china",
			"tenantId":  tenant,
			"authority": "https://login.partner.microsoftonline.cn/" + tenant,
			"discovery": "https://login.partner.microsoftonline.cn/" + tenant + "/v2.0/.well-known/openid-configuration",
			"keys":      "https://login.partner.microsoftonline.cn/common/discovery/keys",
		}},
		{"nothing typed", map[string]string{}, map[string]string{
			"cloud":     "global",
			"tenantId":  "<TENANT_ID>",
			"authority": "https://login.microsoftonline.com/<TENANT_ID>",
			"discovery": "https://login.microsoftonline.com/<TENANT_ID>/v2.0/.well-known/openid-configuration",
			"keys":      "https://login.microsoftonline.com/common/discovery/keys",
		}},
		{"invalid values", map[string]string{"cloud": "germany", "tenantId": "c11234b7c-b1b2-9854-0mn1-56abh3dea295"}, map[string]string{
			"cloud":     "<CLOUD>",
			"tenantId":  "<TENANT_ID>",
			"authority": "<AUTHORITY>",
			"discovery": "<DISCOVERY>",
			"keys":      "<KEYS>",
		}},
	} {
		var got map[string]string
		if tc.input == nil {
			got = set.Examples()
		} else {
			got = set.Values(tc.input)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
	if v, _ := set.Lookup("authority"); v.Example != "https://login.microsoftonline.com/"+tenant {
		t.Errorf("authority's example = %q", v.Example)
	}
}

func TestValues(t *testing.T) {
	set, _ := NewSet([]Variable{
		{ID: "host", Type: "domain", Example: "contoso.com"},
		{ID: "port", Example: "8443"},
		{ID: "path", Example: "/api"},
		{ID: "secret", Type: "secret", Required: true, Example: "example-secret"},
		{ID: "base", Derived: "https://{host}:{port}{path}"},
		{ID: "conn", Derived: "{base}?key={secret}"},
		{ID: "loopA", Derived: "{loopB}"},
		{ID: "loopB", Derived: "{loopA}"},
		{ID: "bad", Derived: "{nope}/{host.x}"},
		{ID: "readsLoop", Derived: "[{loopA}]"},
	})
	got := set.Values(map[string]string{"host": "example.org", "port": "  ", "nope": "x"})
	want := map[string]string{
		"host":      "example.org",
		"port":      "8443",
		"path":      "/api",
		"secret":    "<SECRET>",
		"base":      "https://example.org:8443/api",
		"conn":      "https://example.org:8443/api?key=<SECRET>",
		"loopA":     "<LOOP_A>",
		"loopB":     "<LOOP_B>",
		"bad":       "<BAD>",
		"readsLoop": "[<LOOP_A>]",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Values:\n got %q\nwant %q", got, want)
	}
	got = set.Values(map[string]string{"host": "not a domain", "secret": " s3cret ", "path": ""})
	if got["host"] != "<HOST>" || got["secret"] != "s3cret" || got["conn"] != "https://<HOST>:8443/api?key=s3cret" {
		t.Errorf("Values: an invalid value copies as its placeholder, got %q", got)
	}
	if v, _ := set.Lookup("conn"); !v.Sensitive {
		t.Errorf("conn reads a secret through base, so it is sensitive")
	}
	if v, _ := set.Lookup("base"); v.Sensitive {
		t.Errorf("base reads no secret")
	}
	var nilSet *Set
	if len(nilSet.Values(nil)) != 0 || len(nilSet.Ordered()) != 0 {
		t.Errorf("a nil Set has no values")
	}
}

func TestNewSetMerge(t *testing.T) {
	site := []Variable{
		{ID: "tenantId", Type: "guid", Example: "8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93", Help: "site help"},
		{ID: "clientId", Type: "guid", Example: "3c9e7a42-5b1d-4f86-a0c3-9d2e6f1b8a57"},
	}
	page := []Variable{
		{ID: "baseUrl", Type: "url", Example: "https://openmetadata.example.com"},
		{ID: "tenantId", Type: "tenant", Example: "contoso.onmicrosoft.com"},
	}
	set, problems := NewSet(site, page)
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	var ids []string
	for _, v := range set.Ordered() {
		ids = append(ids, v.ID)
	}
	if want := []string{"tenantId", "clientId", "baseUrl"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("order = %q, want %q", ids, want)
	}
	v, _ := set.Lookup("tenantId")
	if v.Type != "tenant" || v.Help != "" || v.Example != "contoso.onmicrosoft.com" {
		t.Errorf("the page's tenantId replaces the site's entirely, got %+v", v)
	}
	if _, found := set.Lookup("nope"); found {
		t.Errorf("Lookup(nope) found a variable")
	}
	// The set owns copies: changing a declaration later changes nothing.
	site[1].Example = "changed"
	if v, _ := set.Lookup("clientId"); v.Example == "changed" {
		t.Errorf("the set shares its declarations")
	}
}

func TestNewSetProblems(t *testing.T) {
	cloud := Variable{ID: "cloud", Type: "enum", Options: []Option{
		{Value: "global", Props: map[string]string{"host": "login.microsoftonline.com", "region": "world"}},
		{Value: "usgov", Props: map[string]string{"host": "login.microsoftonline.us"}},
	}}
	tenant := Variable{ID: "tenantId", Type: "tenant", Example: "contoso.onmicrosoft.com"}
	type want struct{ id, field, level, msg string }
	for _, tc := range []struct {
		name  string
		lists [][]Variable
		want  []want
	}{
		{"fine", [][]Variable{{cloud, tenant, {ID: "authority", Derived: "https://{cloud.host}/{tenantId}"}}}, nil},
		{"bad id", [][]Variable{{{ID: "tenant id", Example: "x"}, {Example: "x"}}}, []want{
			{"tenant id", "id", "error", "not a valid id"},
			{"", "id", "error", "needs an id"},
		}},
		{"unknown type", [][]Variable{{{ID: "x", Type: "uuid", Example: "x"}}}, []want{
			{"x", "type", "error", `unknown type "uuid"; the types are guid, domain`},
		}},
		{"original docs' tenant", [][]Variable{{{ID: "tenantId", Type: "guid", Example: "c11234b7c-b1b2-9854-0mn1-56abh3dea295"}}}, []want{
			{"tenantId", "example", "error", "this one is 9-4-4-4-12. [guid-format]"},
		}},
		{"multi-tenant example", [][]Variable{{{ID: "tenantId", Type: "tenant", Example: "common"}}}, []want{
			{"tenantId", "example", "warning", "[tenant-multi]"},
		}},
		{"no example", [][]Variable{{{ID: "clientSecret", Type: "secret"}}}, []want{
			{"clientSecret", "example", "error", "needs an example"},
		}},
		{"enum without options", [][]Variable{{{ID: "cloud", Type: "enum"}}}, []want{
			{"cloud", "options", "error", "needs options"},
			{"cloud", "example", "error", "needs an example"},
		}},
		{"enum options", [][]Variable{{{ID: "cloud", Type: "enum", Example: "germany", Options: []Option{
			{Value: "a", Props: map[string]string{"bad key": "x"}}, {Value: "a"}, {Value: " "}}}}}, []want{
			{"cloud", "options", "warning", `prop "bad key"`},
			{"cloud", "options", "error", `two options have the value "a"`},
			{"cloud", "options", "error", "option 3 has no value"},
			{"cloud", "example", "error", "[enum-value]"},
		}},
		{"options on a string", [][]Variable{{{ID: "x", Example: "x", Options: []Option{{Value: "x"}}}}}, []want{
			{"x", "options", "error", "only an enum has options"},
		}},
		{"derived extras", [][]Variable{{tenant, {ID: "d", Derived: "{tenantId}", Example: "x", Required: true, Options: []Option{{Value: "x"}}}}}, []want{
			{"d", "options", "error", "no options"},
			{"d", "example", "warning", "computed"},
			{"d", "required", "warning", "never typed"},
		}},
		{"undeclared", [][]Variable{{tenant, {ID: "d", Derived: "https://x/{tenantID}/{zzz}"}}}, []want{
			{"d", "derived", "error", `{tenantID} reads "tenantID", which is not declared; did you mean "tenantId"?`},
			{"d", "derived", "error", `{zzz} reads "zzz", which is not declared (declared: tenantId, d)`},
		}},
		{"props", [][]Variable{{cloud, tenant, {ID: "d", Derived: "{cloud.region}{tenantId.host}{cloud.host}"}}}, []want{
			{"d", "derived", "error", `the options usgov of "cloud" define no "region" (every option defines only host)`},
			{"d", "derived", "error", `"tenantId" is not an enum`},
		}},
		{"lone brace", [][]Variable{{tenant, {ID: "d", Derived: "{ tenantId }"}}}, []want{
			{"d", "derived", "warning", `the "{" at byte 0`},
		}},
		{"cycle", [][]Variable{{{ID: "a", Derived: "{b}"}, {ID: "b", Derived: "{c}"}, {ID: "c", Derived: "{a}"}, {ID: "self", Derived: "x{self}"}}}, []want{
			{"a", "derived", "error", "cycle: a → b → c → a"},
			{"self", "derived", "error", "cycle: self → self"},
		}},
		{"placeholder", [][]Variable{{{ID: "x", Example: "x", Placeholder: "<X\n>"}}}, []want{
			{"x", "placeholder", "error", "single line"},
		}},
		{"duplicate in one list", [][]Variable{{tenant, tenant}}, []want{
			{"tenantId", "id", "warning", "declared twice"},
		}},
		{"page replaces a broken site declaration", [][]Variable{{{ID: "tenantId", Type: "bogus"}}, {tenant}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := NewSet(tc.lists...)
			var got []want
			for _, p := range problems {
				got = append(got, want{p.ID, p.Field, p.Level, p.Msg})
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d problems, want %d:\n%q", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.id != w.id || g.field != w.field || g.level != w.level || !strings.Contains(g.msg, w.msg) {
					t.Errorf("problem %d = %q, want %q", i, g, w)
				}
			}
		})
	}
}

func TestJSON(t *testing.T) {
	set, _ := NewSet([]Variable{
		{ID: "cloud", Type: "enum", Options: []Option{
			{Value: "global", Props: map[string]string{"z": "1", "host": "login.microsoftonline.com"}},
		}},
		{ID: "tenantId", Type: "tenant", Required: true, Example: "contoso.onmicrosoft.com", Help: "Overview > Directory (tenant) ID"},
		{ID: "secret", Type: "secret", Example: "s"},
		{ID: "authority", Derived: "https://{cloud.host}/{tenantId}"},
	})
	got, err := set.JSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"vars":[` +
		`{"id":"cloud","label":"Cloud","type":"enum","example":"global","placeholder":"\u003cCLOUD\u003e","options":[{"value":"global","label":"global","props":{"host":"login.microsoftonline.com","z":"1"}}]},` +
		`{"id":"tenantId","label":"Tenant ID","type":"tenant","help":"Overview \u003e Directory (tenant) ID","example":"contoso.onmicrosoft.com","required":true,"placeholder":"\u003cTENANT_ID\u003e"},` +
		`{"id":"secret","label":"Secret","type":"secret","example":"s","sensitive":true,"placeholder":"\u003cSECRET\u003e"},` +
		`{"id":"authority","label":"Authority","type":"string","example":"https://login.microsoftonline.com/contoso.onmicrosoft.com","placeholder":"\u003cAUTHORITY\u003e","derived":"https://{cloud.host}/{tenantId}"}` +
		`]}`
	if string(got) != want {
		t.Errorf("JSON:\n got %s\nwant %s", got, want)
	}
	empty, _ := NewSet()
	if got, _ := empty.JSON(); string(got) != `{"vars":[]}` {
		t.Errorf("empty JSON = %s", got)
	}
}

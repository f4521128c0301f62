package clocale

import "testing"

func TestFix(t *testing.T) {
	tests := map[string]struct {
		env  map[string]string
		want string // LANGUAGE afterwards
	}{
		"C with a charset":               {env: map[string]string{"LANG": "C.UTF-8"}, want: "en"},
		"POSIX with a modifier":          {env: map[string]string{"LANG": "POSIX@euro"}, want: "en"},
		"LC_ALL over LANG":               {env: map[string]string{"LC_ALL": "C.utf8", "LANG": "de_DE.UTF-8"}, want: "en"},
		"LC_ALL a real language":         {env: map[string]string{"LC_ALL": "de_DE.UTF-8", "LANG": "C.UTF-8"}, want: ""},
		"LC_MESSAGES over LANG":          {env: map[string]string{"LC_MESSAGES": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, want: "en"},
		"plain C, which Fyne reads well": {env: map[string]string{"LANG": "C"}, want: ""},
		"a real language":                {env: map[string]string{"LANG": "fr_FR.UTF-8"}, want: ""},
		"LANGUAGE already chosen":        {env: map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "de"}, want: "de"},
		"nothing set":                    {env: map[string]string{}, want: ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			env := tc.env
			Fix(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if got := env["LANGUAGE"]; got != tc.want {
				t.Errorf("LANGUAGE = %q, want %q", got, tc.want)
			}
		})
	}
}

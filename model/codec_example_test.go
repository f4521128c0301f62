package model_test

import (
	"errors"
	"fmt"

	"github.com/threatboard/threatboard/model"
)

func ExampleDecode() {
	_, err := model.Decode([]byte(`{
  "format": "threatboard",
  "version": 2,
  "diagrams": [
    {
      "id": "d1",
      "elements": [{"id": "e1", "kind": "actor", "bounds": {"x": 0, "y": 0, "w": 120, "h": 60}}],
      "flows": [{"id": "f1", "from": "e1", "to": "e9", "protocol": 443}]
    }
  ]
}`))
	var le *model.LoadError
	if errors.As(err, &le) {
		for _, p := range le.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// diagrams[0].flows[0].protocol: want text, not a number (line 8, column 68)
}

func ExampleEncode() {
	m := &model.Model{
		Title: "Private podcast feed",
		Diagrams: []*model.Diagram{{ID: "d1", Title: "Authentication", Elements: []*model.Element{
			{ID: "e1", Kind: model.Actor, Bounds: model.Rect{X: 40, Y: 80, W: 120, H: 60}, Common: model.Common{Name: "Employee"}},
		}}},
	}
	data, err := model.Encode(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(data))
	// Output:
	// {
	//   "format": "threatboard",
	//   "version": 2,
	//   "title": "Private podcast feed",
	//   "diagrams": [
	//     {
	//       "id": "d1",
	//       "title": "Authentication",
	//       "elements": [
	//         {
	//           "id": "e1",
	//           "kind": "actor",
	//           "bounds": {
	//             "x": 40,
	//             "y": 80,
	//             "w": 120,
	//             "h": 60
	//           },
	//           "name": "Employee"
	//         }
	//       ]
	//     }
	//   ]
	// }
}

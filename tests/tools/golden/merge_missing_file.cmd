merge no_such_part.json

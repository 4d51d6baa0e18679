print("cxlint")

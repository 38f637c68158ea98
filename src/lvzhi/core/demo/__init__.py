"""Demo data: the 来宾市 committee system of the article, for `lvzhi demo`.

structure.py, places.py, people.py, enterprises.py  the data, as plain Python values
generate.py                                          the seeded generator -> Dataset
loader.py                                            writes a Dataset through the services
"""

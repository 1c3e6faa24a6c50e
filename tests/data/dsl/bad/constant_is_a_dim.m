// a Constant named like a dimension
Constant K 4;
Network n {
}

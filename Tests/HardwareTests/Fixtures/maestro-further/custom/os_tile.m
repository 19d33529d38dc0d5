Dataflow {
  SpatialMap(2,2) Y';
  SpatialMap(2,2) X';
  TemporalMap(8,8) K;
  TemporalMap(3,3) C;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}

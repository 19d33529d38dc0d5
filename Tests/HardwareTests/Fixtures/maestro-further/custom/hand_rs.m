Dataflow {
  TemporalMap(2,2) K;
  TemporalMap(4,4) C;
  SpatialMap(Sz(R),1) Y;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  TemporalMap(Sz(S),1) X;
  Cluster(Sz(R), P);
  SpatialMap(Sz(S),1) X;
  SpatialMap(1,1) S;
  TemporalMap(Sz(R),Sz(R)) R;
}

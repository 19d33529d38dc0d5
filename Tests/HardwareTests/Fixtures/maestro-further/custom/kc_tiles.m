Dataflow {
  TemporalMap(32,32) K;
  SpatialMap(4,4) C;
  TemporalMap(Sz(R),2) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  Cluster(8, P);
  SpatialMap(4,4) K;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}

Dataflow {
  SpatialMap(1,1) K;
  TemporalMap(16,16) C;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  Cluster(16, P);
  SpatialMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  Cluster(4, P);
  SpatialMap(Sz(S),1) X;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}

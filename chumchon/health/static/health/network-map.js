// The interactive map of who replies to whom, drawn by vis-network from the page's JSON.
(function () {
  "use strict";
  var holder = document.getElementById("network-map");
  var source = document.getElementById("network-data");
  if (!holder || !source || typeof vis === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var network = new vis.Network(holder, {
    nodes: new vis.DataSet(data.nodes),
    edges: new vis.DataSet(data.edges)
  }, {
    nodes: { shape: "dot", scaling: { min: 8, max: 30 }, font: { face: "Loma, Garuda, sans-serif", size: 14 } },
    edges: { color: { color: "#8895a1", opacity: 0.6 }, scaling: { min: 1, max: 6 }, smooth: false },
    physics: { stabilization: { iterations: 200 }, barnesHut: { gravitationalConstant: -4000 } },
    interaction: { hover: true, keyboard: true, navigationButtons: false }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    holder.setAttribute("data-ready", "true");
  });
})();
